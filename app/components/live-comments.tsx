import { openFoldsAround } from "./comment-forms";
import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";

/** What a story's event stream sends (server/live-updates.ts). */
interface CommentEvent {
  id: number;
  kind: "posted" | "edited" | "deleted" | "removed" | "restored";
  commentId: number;
  parentId: number | null;
}

/** How long a reader over the server's stream limit waits before following live again. */
const POLL_AFTER_MS = 30_000;
/** Edits and removals are applied in place after a short pause, so a burst is one re-read. */
const APPLY_CHANGES_AFTER_MS = 400;

/**
 * Live updates for an open story (ADR 15). New comments are offered, never pushed under the reader:
 * "3 new comments: show them" in a polite live region at a fixed place on screen; showing them re-reads
 * the page's own data, so the page's rendering stays the one source of the comment markup. Edits and
 * removals of comments already on screen apply in place. Without JavaScript nothing here renders and
 * the page is complete as loaded.
 */
export function LiveComments({ articleId, after }: { articleId: number; after: number }) {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const [events, setEvents] = useState<CommentEvent[]>([]);
  const [showing, setShowing] = useState<number[] | null>(null);
  // The stream reconnects from what the page was rendered with, then from what it received.
  const renderedAfter = useRef(after);
  renderedAfter.current = after;

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      source = new EventSource(`/live/stories/${articleId}/events?after=${renderedAfter.current}`);
      source.addEventListener("comment", (message) => {
        const event = { id: Number(message.lastEventId), ...(JSON.parse(message.data) as Omit<CommentEvent, "id">) };
        setEvents((known) => (known.some((e) => e.id === event.id) ? known : [...known, event]));
      });
      source.onerror = () => {
        // Closed for good (the server is full, or said no): follow again later; otherwise the browser retries.
        if (source?.readyState === EventSource.CLOSED) retry = setTimeout(connect, POLL_AFTER_MS);
      };
    };
    connect();
    return () => {
      source?.close();
      clearTimeout(retry);
    };
  }, [articleId]);

  // Only what the page on screen does not show yet: everything after the event it was rendered with.
  const { fresh, changes } = useMemo(() => summarise(events.filter((e) => e.id > after)), [events, after]);

  useEffect(() => {
    if (changes === 0 || fresh.length > 0 || revalidator.state !== "idle") return;
    const timer = setTimeout(() => revalidator.revalidate(), APPLY_CHANGES_AFTER_MS);
    return () => clearTimeout(timer);
  }, [changes, fresh.length, revalidator]);

  // Once shown (the re-read has started and finished), the first new comment takes the focus.
  const reread = useRef(false);
  useEffect(() => {
    if (!showing) return;
    if (revalidator.state !== "idle") {
      reread.current = true;
      return;
    }
    if (!reread.current) return;
    reread.current = false;
    const first = showing.map((id) => document.getElementById(`comment-${id}`)).find(Boolean);
    if (first) {
      openFoldsAround(first); // a new reply deep in a folded chain is shown, not focused out of sight
      first.setAttribute("tabindex", "-1");
      first.classList.add("comment--new");
      first.focus();
    }
    setShowing(null);
  }, [showing, revalidator.state]);

  useEffect(() => {
    // Forget what the page now shows.
    setEvents((known) => (known.some((e) => e.id <= after) ? known.filter((e) => e.id > after) : known));
  }, [after]);

  // While the reader's own post (a form or a scripted one) is on its way, its comment is not "new" to them.
  const busy = navigation.state !== "idle" || revalidator.state !== "idle" || fetchers.some((f) => f.state !== "idle");
  const offer = fresh.length > 0 && !busy;
  return (
    <div className="live-comments" role="status" aria-live="polite" data-live-after={after}>
      {offer ? (
        <button
          type="button"
          className="live-comments__offer"
          onClick={() => {
            setShowing(fresh);
            revalidator.revalidate();
          }}
        >
          {offerText(fresh.length)}
        </button>
      ) : null}
    </div>
  );
}

function offerText(count: number): string {
  return count === 1 ? "1 new comment: show it" : `${count.toLocaleString("en-GB")} new comments: show them`;
}

/** New comments (posted or restored, not since taken away) and other changes to what is on screen. */
function summarise(events: CommentEvent[]): { fresh: number[]; changes: number } {
  const fresh = new Set<number>();
  let changes = 0;
  for (const event of events) {
    if (event.kind === "posted" || event.kind === "restored") fresh.add(event.commentId);
    else if (event.kind === "deleted" || event.kind === "removed") {
      if (!fresh.delete(event.commentId)) changes++;
    } else if (!fresh.has(event.commentId)) changes++;
  }
  return { fresh: [...fresh], changes };
}
