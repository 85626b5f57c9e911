import { Link } from "@remix-run/react";
import type { QueueItem } from "~/models/moderation/queue.server";
import type { DecidedSince } from "~/models/moderation/stale-decision.server";
import { ModerationCommentContext } from "./moderation-comment";
import type { Presence } from "~/models/moderation/claim.server";
import { DecidedSinceLine, DecisionForm, type DecisionResult } from "./moderation-decision";
import { ClaimForm, PresenceNote, type ClaimResult } from "./moderation-presence";

/**
 * The item as a decision taken on this page left it, so its badge says so at once (an approved comment
 * is no longer Held) while the list itself stays put under the moderator's keyboard.
 */
function asDecided(item: QueueItem, decided: "approved" | "rejected"): QueueItem {
  if (decided === "approved") return { ...item, status: "visible", heldReason: "" };
  return { ...item, status: item.status === "visible" ? "removed" : "rejected", heldReason: "", featured: false };
}

/**
 * One item of the queue: the comment in context, its Select box for bulk decisions (tied to the bulk
 * form by its form attribute, so the items need not sit inside that form), and its own decision form.
 * Roving focus: only the active item is in the tab order; j/k move it.
 */
export function QueueEntry({
  item,
  index,
  active,
  now,
  rules,
  viewerId,
  pageResult,
  decidedElsewhere,
  bulkDecidedSince,
  presence,
  claimResult,
  onFocusItem,
  onDecided,
}: {
  item: QueueItem;
  index: number;
  active: boolean;
  now: string;
  rules: { number: number; title: string }[];
  viewerId: number;
  pageResult?: DecisionResult;
  decidedElsewhere?: "approved" | "rejected";
  /** The bulk decision was refused because this comment had been decided since the page was loaded. */
  bulkDecidedSince?: DecidedSince;
  /** Moderators who opened or claimed it in the last few minutes. */
  presence?: Presence[];
  /** The page's own answer to a Claim on this item (a post without JavaScript). */
  claimResult?: ClaimResult;
  onFocusItem: (index: number) => void;
  onDecided: (commentId: number, decision: "approved" | "rejected") => void;
}) {
  const own = item.author.id === viewerId;
  const decided = decidedElsewhere ?? (pageResult?.ok ? pageResult.decision : undefined);
  const headingId = `queue-item-${item.id}-heading`;
  return (
    <li>
      <article
        id={`queue-item-${item.id}`}
        className="moderation-item"
        aria-labelledby={headingId}
        tabIndex={active ? 0 : -1}
        data-queue-item={item.id}
        onFocus={() => onFocusItem(index)}
      >
        <ModerationCommentContext item={decided ? asDecided(item, decided) : item} now={now} headingId={headingId} />
        <div className="moderation-item__actions">
          <PresenceNote presence={presence} viewerId={viewerId} now={now} />
          {own ? (
            <p className="moderation-item__own">This is your own comment: another moderator has to decide on it.</p>
          ) : (
            <>
              {item.status === "pending" || item.status === "visible" ? (
                <div className="field field--checkbox moderation-item__select">
                  <input
                    type="checkbox"
                    id={`select-${item.id}`}
                    name="commentIds"
                    value={item.id}
                    form="queue-bulk"
                    disabled={Boolean(decided)}
                  />
                  <input type="hidden" name={`shown-${item.id}`} value={item.stamp} form="queue-bulk" />
                  <label htmlFor={`select-${item.id}`}>
                    Select<span className="visually-hidden">{` the comment by ${item.author.displayName}`}</span>
                  </label>
                </div>
              ) : null}
              {!decided && (item.status === "pending" || item.status === "visible") ? (
                <ClaimForm commentId={item.id} authorName={item.author.displayName} pageResult={claimResult} />
              ) : null}
              {bulkDecidedSince ? (
                <p className="notice notice--error moderation-conflict" role="alert">
                  <strong>Not decided with the others.</strong> <DecidedSinceLine since={bulkDecidedSince} />
                </p>
              ) : null}
              <DecisionForm
                commentId={item.id}
                authorName={item.author.displayName}
                status={item.status}
                stamp={item.stamp}
                rules={rules}
                pageResult={pageResult}
                decidedElsewhere={decidedElsewhere}
                onDecided={onDecided}
              />
            </>
          )}
          <p className="moderation-item__links">
            <Link to={`/moderation/comments/${item.id}`}>
              Details and history<span className="visually-hidden">{` of the comment by ${item.author.displayName}`}</span>
            </Link>
            {" · "}
            <Link to={`/moderation/stories/${item.article.id}`}>
              Story settings<span className="visually-hidden">{` for “${item.article.headline}”`}</span>
            </Link>
          </p>
        </div>
      </article>
    </li>
  );
}

