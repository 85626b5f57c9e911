import { useFetcher, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { COMMENT_MAX_LENGTH, EDIT_WINDOW_MINUTES, REPORT_REASON_LABELS } from "~/utils/comment-rules";
import { formatDateTime } from "~/utils/time";
import type { CommentActionResult } from "~/routes/articles.$slug/comment-actions.server";
import { FormError } from "./form-field";
import { useThreadContext } from "./thread-context";

/**
 * Where the story's comment forms post. ?write=1 asks for the page rendered for its reader (ADR 18), so
 * a form sent without JavaScript that fails comes back with the reader's own page: the message beside
 * the field and what they typed still in it. The page's own place (its sort and page, `baseQuery`) goes
 * along, and the page itself when it is not the story page (`returnTo`, as `from`), so that the answer
 * returns the reader to the page and the comment the form came from.
 */
export function commentFormAction(place: { slug: string; baseQuery?: string; returnTo?: string }): string {
  const query = [place.baseQuery, place.returnTo ? `from=${encodeURIComponent(place.returnTo)}` : "", "write=1"].filter(Boolean).join("&");
  return `/articles/${place.slug}?${query}`;
}

/** Opens every folded list of replies around an element (a linked or a new comment). True if one was closed. */
export function openFoldsAround(element: Element): boolean {
  let opened = false;
  let folded = element.parentElement?.closest("details");
  while (folded) {
    if (!folded.open) {
      folded.open = true;
      opened = true;
    }
    folded = folded.parentElement?.closest("details");
  }
  return opened;
}

/** True once React runs in the browser: forms then send js=1 and expect data instead of a redirect. */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** The result a form should show: from its own fetcher (with JS) or from the page's action data (without). */
function useFormResult(fetcherData: CommentActionResult | undefined, intent: string, targetId: number | null) {
  const { actionData } = useThreadContext();
  if (fetcherData) return fetcherData;
  if (actionData && actionData.intent === intent && actionData.targetId === targetId) return actionData;
  return undefined;
}

/**
 * Moves focus to a comment once it is on the page (the revalidated thread may land a frame later). When
 * it is on another page of a long thread, goes there instead of leaving the reader wondering.
 */
function focusComment(id: number, elsewhere: (() => void) | null, framesLeft = 60) {
  requestAnimationFrame(() => {
    const element = document.getElementById(`comment-${id}`);
    if (!element) {
      if (framesLeft > 0) focusComment(id, elsewhere, framesLeft - 1);
      else elsewhere?.();
      return;
    }
    openFoldsAround(element); // a reply deep in a folded chain (issue 29 part 8)
    element.setAttribute("tabindex", "-1"); // focusable from script only, to announce the new comment
    element.focus();
    element.scrollIntoView({ block: "center" });
  });
}

interface BodyFormProps {
  intent: "comment" | "reply" | "edit";
  targetId: number | null;
  label: string;
  submitLabel: string;
  defaultValue?: string;
  hidden?: Record<string, string | number>;
  onDone?: () => void;
  onCancel?: () => void;
  cancelHref?: string;
  autoFocus?: boolean;
  aside?: ReactNode;
}

/** A comment, reply or edit form: textarea with its count, error beside it, text kept on failure. */
export function CommentBodyForm(props: BodyFormProps) {
  const context = useThreadContext();
  const { hydrated } = context;
  const fetcher = useFetcher<CommentActionResult>({ key: `${props.intent}-${props.targetId ?? "story"}` });
  const result = useFormResult(fetcher.data, props.intent, props.targetId);
  const failed = result && !result.ok ? result : undefined;
  const [value, setValue] = useState(failed?.values?.body ?? props.defaultValue ?? "");
  const textareaId = `${props.intent}-body-${props.targetId ?? "story"}`;
  const textarea = useRef<HTMLTextAreaElement>(null);

  useLandedComment(fetcher, (result) => {
    if (result.ok && result.commentId) {
      if (props.intent !== "edit") setValue("");
      props.onDone?.();
    } else if (result.errors?.body) {
      // The message sits beside the field; taking the reader there announces it with the field.
      textarea.current?.focus();
    }
  });

  const errorId = `${textareaId}-error`;
  const countId = `${textareaId}-count`;
  const bodyError = failed?.errors?.body;
  const busy = fetcher.state !== "idle";
  return (
    <>
      <fetcher.Form method="post" action={commentFormAction(context)} className="comment-form">
        <input type="hidden" name="intent" value={props.intent} />
        {Object.entries(props.hidden ?? {}).map(([name, v]) => (
          <input key={name} type="hidden" name={name} value={v} />
        ))}
        {hydrated ? <input type="hidden" name="js" value="1" /> : null}
        <FormError message={failed?.message ?? (failed?.errors ? failed.errors.form : undefined)} />
        <div className={`field${bodyError ? " field--invalid" : ""}`}>
          <label htmlFor={textareaId}>{props.label}</label>
          <textarea
            ref={textarea}
            id={textareaId}
            name="body"
            rows={props.intent === "comment" ? 5 : 4}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={[bodyError ? errorId : null, countId].filter(Boolean).join(" ")}
            autoFocus={props.autoFocus}
            required
          />
          <p id={countId} className={`field-hint${value.length > COMMENT_MAX_LENGTH ? " field-hint--over" : ""}`}>
            {value.length.toLocaleString("en-GB")} / {COMMENT_MAX_LENGTH.toLocaleString("en-GB")} characters. Markdown
            works: *emphasis*, &gt; quotes, lists, `code` and links.
          </p>
          {bodyError ? (
            <p id={errorId} className="field-error">
              {bodyError}
            </p>
          ) : null}
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Posting…" : props.submitLabel}
          </button>
          {props.onCancel && hydrated ? (
            <button type="button" className="button button--secondary" onClick={props.onCancel}>
              Cancel
            </button>
          ) : props.cancelHref ? (
            <a className="button button--secondary" href={props.cancelHref}>
              Cancel
            </a>
          ) : null}
          {props.aside}
        </div>
      </fetcher.Form>
      {failed?.repost && props.intent === "edit" ? <RepostForm repost={failed.repost} body={value} commentId={props.targetId} onDone={props.onDone} /> : null}
    </>
  );
}

/**
 * After an edit came too late: the same text, posted as a new comment (or reply) in the same place. With
 * JavaScript it posts in place like the other forms and the edit form closes, so the text cannot be
 * posted twice from it.
 */
function RepostForm({
  repost,
  body,
  commentId,
  onDone,
}: {
  repost: NonNullable<CommentActionResult["repost"]>;
  body: string;
  commentId: number | null;
  onDone?: () => void;
}) {
  const context = useThreadContext();
  const fetcher = useFetcher<CommentActionResult>({ key: `repost-${commentId ?? "story"}` });
  useLandedComment(fetcher, (result) => {
    if (result.ok && result.commentId) onDone?.();
  });
  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data : undefined;
  return (
    <fetcher.Form method="post" action={commentFormAction(context)} className="comment-form__repost">
      <input type="hidden" name="intent" value={repost.intent} />
      {repost.parentId !== null ? <input type="hidden" name="parentId" value={repost.parentId} /> : null}
      <input type="hidden" name="body" value={body} />
      {context.hydrated ? <input type="hidden" name="js" value="1" /> : null}
      <FormError message={failed ? (failed.message ?? failed.errors?.body ?? failed.errors?.form) : undefined} />
      <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
        {`Post it as a new ${repost.intent}`}
      </button>
    </fetcher.Form>
  );
}

/**
 * Once a form's post has come back: `then` sees the answer first (to clear or close the form), and a
 * new or changed comment then takes the focus (on its own page when it is not on this page of a long thread).
 */
function useLandedComment(fetcher: ReturnType<typeof useFetcher<CommentActionResult>>, then: (result: CommentActionResult) => void) {
  const { slug } = useThreadContext();
  const navigate = useNavigate();
  const handled = useRef<CommentActionResult | null>(null);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || handled.current === fetcher.data) return;
    handled.current = fetcher.data;
    then(fetcher.data);
    if (fetcher.data.ok && fetcher.data.commentId) {
      const id = fetcher.data.commentId;
      focusComment(id, () => navigate(`/articles/${slug}/comments/${id}#comment-${id}`));
    }
  }, [fetcher.state, fetcher.data, navigate, slug, then]);
}

/** How long the comment being edited stays editable: its end, and once the page runs, the minutes left. */
export function EditTimeLeft({ createdAt }: { createdAt: string }) {
  const hydrated = useHydrated();
  const endsAt = Date.parse(createdAt) + EDIT_WINDOW_MINUTES * 60_000;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const minutes = Math.max(0, Math.ceil((endsAt - now) / 60_000));
  const iso = new Date(endsAt).toISOString();
  // Only the running page knows the time now; the server's rendering says until when, for everyone alike.
  if (hydrated && minutes === 0) {
    return (
      <p className="comment-composer__hold">
        The time to edit this comment ended at <time dateTime={iso}>{formatDateTime(iso)}</time>.
      </p>
    );
  }
  return (
    <p className="comment-composer__hold">
      You can edit this comment until <time dateTime={iso}>{formatDateTime(iso)}</time>
      {hydrated ? ` (${minutes === 1 ? "1 minute" : `${minutes} minutes`} left)` : ""}.
    </p>
  );
}

interface LikeProps {
  commentId: number;
  liked: boolean;
  likeCount: number;
}

function LikeLabel({ liked, likeCount }: Omit<LikeProps, "commentId">) {
  return (
    <>
      {liked ? "Liked" : "Like"}
      <span className="comment-action__count"> ({likeCount})</span>
    </>
  );
}

/**
 * Server-rendered and before hydration: a button of the page's one like form (or unlike form), so each
 * comment carries a button, not a form of its own (LikeForms, rendered once with the list).
 */
export function LikeButton(props: LikeProps) {
  const { hydrated } = useThreadContext();
  if (hydrated) return <LiveLikeButton {...props} />;
  return (
    <button
      type="submit"
      form={props.liked ? UNLIKE_FORM_ID : LIKE_FORM_ID}
      name="commentId"
      value={props.commentId}
      className="comment-action"
      aria-pressed={props.liked}
    >
      {props.liked ? "Liked" : "Like"}
      <span className="comment-action__count">{` (${props.likeCount})`}</span>
    </button>
  );
}

const LIKE_FORM_ID = "like-form";
const UNLIKE_FORM_ID = "unlike-form";

/** The forms every Like button of a page submits without JavaScript: one to like, one to take a like back. */
export function LikeForms() {
  const context = useThreadContext();
  return (
    <>
      {([
        [LIKE_FORM_ID, "like"],
        [UNLIKE_FORM_ID, "unlike"],
      ] as const).map(([id, set]) => (
        <form key={id} id={id} method="post" action={commentFormAction(context)} hidden>
          <input type="hidden" name="intent" value="like" />
          <input type="hidden" name="set" value={set} />
        </form>
      ))}
    </>
  );
}

function LiveLikeButton({ commentId, liked, likeCount }: LikeProps) {
  const context = useThreadContext();
  const fetcher = useFetcher<CommentActionResult>({ key: `like-${commentId}` });
  // Show the new state straight away; the server's answer confirms it.
  let shownLiked = fetcher.data?.ok && fetcher.data.liked !== undefined ? fetcher.data.liked : liked;
  let shownCount = fetcher.data?.ok && fetcher.data.likeCount !== undefined ? fetcher.data.likeCount : likeCount;
  if (fetcher.formData) {
    shownCount = shownCount + (shownLiked ? -1 : 1);
    shownLiked = !shownLiked;
  }
  return (
    <fetcher.Form method="post" action={commentFormAction(context)} className="inline-form">
      <input type="hidden" name="intent" value="like" />
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="set" value={shownLiked ? "unlike" : "like"} />
      <input type="hidden" name="js" value="1" />
      <button type="submit" className="comment-action" aria-pressed={shownLiked}>
        <LikeLabel liked={shownLiked} likeCount={shownCount} />
      </button>
    </fetcher.Form>
  );
}

/** Without JavaScript, Delete asks first: a link to the page with the question beside the comment. */
export function DeleteButton({ commentId }: { commentId: number }) {
  const { hydrated, baseQuery } = useThreadContext();
  if (hydrated) return <LiveDeleteButton commentId={commentId} />;
  return (
    <a className="comment-action comment-action--danger" href={`?${baseQuery ? `${baseQuery}&` : ""}delete=${commentId}#comment-${commentId}`}>
      Delete
    </a>
  );
}

/** The question before a deletion, for a reader without JavaScript (the page's scripts ask with confirm()). */
export function DeleteConfirm({ commentId, cancelHref }: { commentId: number; cancelHref: string }) {
  const context = useThreadContext();
  return (
    <form method="post" action={commentFormAction(context)} className="delete-confirm">
      <p>Delete this comment? Replies to it stay, under a note that it was deleted.</p>
      <input type="hidden" name="intent" value="delete" />
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="confirm" value="1" />
      <div className="form-actions">
        <button type="submit" className="button button--danger">
          Delete it
        </button>
        <a href={cancelHref}>Keep it</a>
      </div>
    </form>
  );
}

function LiveDeleteButton({ commentId }: { commentId: number }) {
  const context = useThreadContext();
  const fetcher = useFetcher<CommentActionResult>({ key: `delete-${commentId}` });
  return (
    <fetcher.Form
      method="post"
      action={commentFormAction(context)}
      className="inline-form"
      onSubmit={(event) => {
        if (!window.confirm("Delete this comment? Replies to it stay, under a note that it was deleted.")) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="delete" />
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="js" value="1" />
      <button type="submit" className="comment-action comment-action--danger">
        Delete
      </button>
    </fetcher.Form>
  );
}

export function ReportForm({ commentId, onCancel, cancelHref }: { commentId: number; onCancel?: () => void; cancelHref: string }) {
  const context = useThreadContext();
  const { hydrated } = context;
  const fetcher = useFetcher<CommentActionResult>({ key: `report-${commentId}` });
  const result = useFormResult(fetcher.data, "report", commentId);
  if (result?.ok) {
    return (
      <p className="notice notice--success" role="status">
        {result.message}
      </p>
    );
  }
  const reasonError = result?.errors?.reason;
  const noteError = result?.errors?.note;
  const fieldId = `report-${commentId}`;
  return (
    <fetcher.Form method="post" action={commentFormAction(context)} className="report-form" id={`report-form-${commentId}`}>
      <input type="hidden" name="intent" value="report" />
      <input type="hidden" name="commentId" value={commentId} />
      {hydrated ? <input type="hidden" name="js" value="1" /> : null}
      <FormError message={result?.message} />
      <fieldset aria-describedby={reasonError ? `${fieldId}-reason-error` : undefined}>
        <legend>Why are you reporting this comment?</legend>
        {Object.entries(REPORT_REASON_LABELS).map(([value, label]) => (
          <div className="field field--radio" key={value}>
            <input
              type="radio"
              id={`${fieldId}-${value}`}
              name="reason"
              value={value}
              defaultChecked={result?.values?.reason === value}
              required
            />
            <label htmlFor={`${fieldId}-${value}`}>{label}</label>
          </div>
        ))}
        {reasonError ? (
          <p id={`${fieldId}-reason-error`} className="field-error">
            {reasonError}
          </p>
        ) : null}
      </fieldset>
      <div className={`field${noteError ? " field--invalid" : ""}`}>
        <label htmlFor={`${fieldId}-note`}>Anything the moderators should know? (optional)</label>
        <textarea
          id={`${fieldId}-note`}
          name="note"
          rows={2}
          maxLength={500}
          defaultValue={result?.values?.note ?? ""}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? `${fieldId}-note-error` : undefined}
        />
        {noteError ? (
          <p id={`${fieldId}-note-error`} className="field-error">
            {noteError}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
          Send report
        </button>
        {onCancel && hydrated ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <a className="button button--secondary" href={cancelHref}>
            Cancel
          </a>
        )}
      </div>
    </fetcher.Form>
  );
}
