import { useEffect, useState } from "react";
import type { WireComment } from "~/models/comment/thread";
import { MAX_NESTED_DEPTH } from "~/utils/comment-rules";
import { CommentBodyForm, DeleteButton, EditTimeLeft, openFoldsAround, DeleteConfirm, LikeButton, LikeForms, ReportForm } from "./comment-forms";
import { REPORT_THANKS } from "~/utils/comment-rules";
import { appealFormHref } from "~/utils/standing";
import { Time } from "./time";
import { useThreadContext } from "./thread-context";

/*
 * A story's thread can run to hundreds of comments, so each comment's markup is kept lean: plain links
 * (no router work per link), forms that become scripted only once the page has hydrated, and nothing
 * an anonymous reader cannot use.
 */

const ROLE_LABELS: Partial<Record<NonNullable<WireComment["authorRole"]>, string>> = {
  editor: "Editor",
  moderator: "Moderator",
  admin: "Admin",
};

type OpenForm = "reply" | "edit" | "report" | "reported" | "delete" | null;
type ToggledForm = "reply" | "edit" | "report";
const PARAM_FOR: Record<ToggledForm, string> = { reply: "replyTo", edit: "edit", report: "report" };

/** A link that opens one of a comment's forms: a real link without JavaScript, a toggle with it. */
function FormToggle({
  kind,
  commentId,
  current,
  onToggle,
  children,
}: {
  kind: ToggledForm;
  commentId: number;
  current: OpenForm;
  onToggle: (kind: OpenForm) => void;
  children: string;
}) {
  const { baseQuery, hydrated } = useThreadContext();
  const href = `?${baseQuery ? `${baseQuery}&` : ""}${PARAM_FOR[kind]}=${commentId}#${kind}-form-${commentId}`;
  return (
    <a
      href={href}
      className="comment-action"
      role={hydrated ? "button" : undefined}
      aria-expanded={hydrated ? current === kind : undefined}
      aria-controls={hydrated && current === kind ? `${kind}-form-${commentId}` : undefined}
      onClick={(event) => {
        event.preventDefault();
        onToggle(current === kind ? null : kind);
      }}
    >
      {children}
    </a>
  );
}

function initialForm(comment: WireComment, context: ReturnType<typeof useThreadContext>): OpenForm {
  if (context.open && context.open.id === comment.id) return context.open.kind;
  const failed = context.actionData && !context.actionData.ok && context.actionData.targetId === comment.id;
  if (failed && ["reply", "edit", "report"].includes(context.actionData!.intent)) return context.actionData!.intent as OpenForm;
  return null;
}

/** Where a visitor who signs in to reply or report comes back to: the comment, on its own page. */
function signInReturn(slug: string, commentId: number) {
  return `/articles/${slug}/comments/${commentId}#comment-${commentId}`;
}

function likesLabel(count: number) {
  return count === 1 ? "1 like" : `${count} likes`;
}

function CommentView({ comment }: { comment: WireComment }) {
  const context = useThreadContext();
  const { viewer, commentsOpen } = context;
  const [open, setOpen] = useState<OpenForm>(() => initialForm(comment, context));
  const isOwn = viewer !== null && comment.authorId === viewer.id;
  const isLive = !comment.placeholder && !comment.pending && !comment.decided;
  // Without a reader (a visitor, or a page shared by everyone before its personal layer arrives), the
  // controls any reader may start from: each leads to signing in, or to a page rendered for its reader.
  const likeCount = comment.likeCount ?? 0;
  const closeHref = `?${context.baseQuery}#comment-${comment.id}`;
  const classes = ["comment"];
  if (comment.placeholder) classes.push("comment--placeholder");
  if (comment.pending || comment.decided) classes.push("comment--pending");
  if (comment.featured) classes.push("comment--featured");

  return (
    <article id={`comment-${comment.id}`} className={classes.join(" ")}>
      <header>
        <h3>
          {comment.placeholder ? (
            "Comment unavailable"
          ) : comment.authorId ? (
            <a href={`/users/${comment.authorId}`}>{comment.authorName}</a>
          ) : (
            comment.authorName
          )}
          {comment.authorRole && ROLE_LABELS[comment.authorRole] ? (
            <span className="role-badge">{ROLE_LABELS[comment.authorRole]}</span>
          ) : null}
        </h3>
        <a className="comment__permalink" href={`${context.permalinkBase}#comment-${comment.id}`}>
          <Time iso={comment.createdAt} />
        </a>
        {comment.editedAt ? <span className="comment__edited">edited</span> : null}
        {comment.featured ? <span className="role-badge">Featured</span> : null}
        {comment.replyTo ? (
          <span className="comment__reply-to">
            in reply to <a href={`#comment-${comment.replyTo.id}`}>{comment.replyTo.authorName}</a>
          </span>
        ) : null}
      </header>
      {comment.pending ? <p className="comment__status">Awaiting moderation: only you can see this comment.</p> : null}
      {comment.decided ? (
        <p className="comment__status">
          {comment.decided}. Only you can see this comment. <a href={appealFormHref({ kind: "comment", commentId: comment.id })}>Appeal this decision</a>
        </p>
      ) : null}
      {comment.placeholder ? (
        <p className="comment__placeholder">{comment.placeholder}</p>
      ) : open === "edit" ? null : (
        <div className="comment__body prose" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? "" }} />
      )}

      {comment.placeholder ? null : (
        <div className="comment__actions">
          {isLive && !isOwn && (viewer?.canReact ?? true) ? (
            <LikeButton commentId={comment.id} liked={viewer?.liked.includes(comment.id) ?? false} likeCount={likeCount} />
          ) : likeCount > 0 ? (
            <span className="comment__likes">{likesLabel(likeCount)}</span>
          ) : null}
          {isLive && commentsOpen && (viewer?.canPost ?? true) ? (
            <FormToggle kind="reply" commentId={comment.id} current={open} onToggle={setOpen}>
              Reply
            </FormToggle>
          ) : null}
          {isOwn && viewer?.editable.includes(comment.id) ? (
            <FormToggle kind="edit" commentId={comment.id} current={open} onToggle={setOpen}>
              Edit
            </FormToggle>
          ) : null}
          {isOwn && !comment.decided ? <DeleteButton commentId={comment.id} /> : null}
          {viewer?.canModerate && !isOwn ? (
            <a className="comment-action" href={`/moderation/comments/${comment.id}`}>
              Moderate
            </a>
          ) : null}
          {isLive && !isOwn && (viewer?.canReact ?? true) ? (
            viewer?.reported.includes(comment.id) ? (
              <span className="comment-action comment-action--done">Reported</span>
            ) : (
              <FormToggle kind="report" commentId={comment.id} current={open} onToggle={setOpen}>
                Report
              </FormToggle>
            )
          ) : null}
        </div>
      )}

      {open && !viewer ? (
        <p id={`${open}-form-${comment.id}`} className="comment__form notice">
          {context.known ? null : "Reading as a visitor: "}
          <a href={`/login?redirectTo=${encodeURIComponent(signInReturn(context.slug, comment.id))}`}>Sign in</a> or{" "}
          <a href={`/join?redirectTo=${encodeURIComponent(signInReturn(context.slug, comment.id))}`}>join</a> to{" "}
          {open === "report" ? "report this comment" : "reply"}.
        </p>
      ) : null}
      {viewer && (open === "reply" || open === "edit") ? (
        <div id={`${open}-form-${comment.id}`} className="comment__form">
          <CommentBodyForm
            key={open}
            intent={open}
            targetId={comment.id}
            {...(open === "reply"
              ? {
                  label: "Reply",
                  submitLabel: "Post reply",
                  hidden: { parentId: comment.id },
                  aside: viewer.holdNotice ? <p className="comment-composer__hold">{viewer.holdNotice}</p> : undefined,
                }
              : {
                  label: "Edit your comment",
                  submitLabel: "Save changes",
                  aside: <EditTimeLeft createdAt={comment.createdAt} />,
                  defaultValue: comment.bodySource ?? viewer.sources?.[String(comment.id)] ?? "",
                  hidden: { commentId: comment.id },
                })}
            onDone={() => setOpen(null)}
            onCancel={() => setOpen(null)}
            cancelHref={closeHref}
            autoFocus={context.open === null}
          />
        </div>
      ) : null}
      {viewer && open === "report" ? (
        <div id={`report-form-${comment.id}`} className="comment__form">
          <ReportForm commentId={comment.id} onCancel={() => setOpen(null)} cancelHref={closeHref} />
        </div>
      ) : null}
      {viewer && open === "reported" ? (
        <p id={`reported-${comment.id}`} className="comment__form notice notice--success" role="status">
          {REPORT_THANKS}
        </p>
      ) : null}
      {isOwn && open === "delete" ? (
        <div id={`delete-form-${comment.id}`} className="comment__form">
          <DeleteConfirm commentId={comment.id} cancelHref={closeHref} />
        </div>
      ) : null}
    </article>
  );
}

/**
 * Long reply chains fold (issue 29 part 8): replies from the third level down start folded, and past
 * a handful of replies to one comment the rest wait behind "Show N more replies". Folded replies stay in
 * the page, so a link to one of them opens its folds (the browser does it for #comment-N, and
 * useOpenLinkedComment after a script moves the reader).
 */
const FOLDED_FROM_LEVEL = 2;
const REPLIES_BEFORE_MORE = 3;
const FOLD_THE_REST_PAST = 5;

function repliesLabel(count: number) {
  return count === 1 ? "1 reply" : `${count} replies`;
}

function CommentBranch({ comment, level }: { comment: WireComment; level: number }) {
  const { slug } = useThreadContext();
  const children = comment.children ?? [];
  const splitAt = children.length > FOLD_THE_REST_PAST ? REPLIES_BEFORE_MORE : children.length;
  const rest = children.slice(splitAt);
  const restCount = rest.reduce((sum, child) => sum + 1 + (child.replyCount ?? 0), 0);
  return (
    <li>
      <CommentView comment={comment} />
      {children.length > 0 ? (
        <details className="thread__replies" open={level < FOLDED_FROM_LEVEL}>
          <summary>{repliesLabel(comment.replyCount ?? children.length)}</summary>
          <ol className="thread thread--replies">
            {children.slice(0, splitAt).map((child) => (
              <CommentBranch key={child.id} comment={child} level={level + 1} />
            ))}
          </ol>
          {rest.length > 0 ? (
            <details className="thread__more">
              <summary>{`Show ${restCount === 1 ? "1 more reply" : `${restCount} more replies`}`}</summary>
              <ol className="thread thread--replies">
                {rest.map((child) => (
                  <CommentBranch key={child.id} comment={child} level={level + 1} />
                ))}
              </ol>
            </details>
          ) : null}
          {level === MAX_NESTED_DEPTH - 1 ? (
            <p className="thread__continue">
              <a href={`/articles/${slug}/comments/${comment.id}`}>Continue this thread →</a>
            </p>
          ) : null}
        </details>
      ) : null}
    </li>
  );
}

/** A link to a comment inside folded replies (#comment-N, now or after a hash change) opens the folds around it. */
function useOpenLinkedComment() {
  useEffect(() => {
    const open = () => {
      const match = /^#(comment-\d+)$/.exec(window.location.hash);
      const target = match ? document.getElementById(match[1]!) : null;
      if (target && openFoldsAround(target)) target.scrollIntoView({ block: "start" });
    };
    open();
    window.addEventListener("hashchange", open);
    return () => window.removeEventListener("hashchange", open);
  }, []);
}

export function CommentList({ comments }: { comments: WireComment[] }) {
  useOpenLinkedComment();
  if (comments.length === 0) return <p>No comments yet.</p>;
  return (
    <>
      <LikeForms />
      <ol className="thread">
        {comments.map((comment) => (
          <CommentBranch key={comment.id} comment={comment} level={0} />
        ))}
      </ol>
    </>
  );
}
