import { Link } from "@remix-run/react";
import { useState } from "react";
import { MAX_NESTED_DEPTH, type ThreadComment } from "~/models/thread";
import { CommentBodyForm, DeleteButton, LikeButton, ReportForm, useHydrated } from "./comment-forms";
import { Time } from "./time";
import { useThreadContext } from "./thread-context";

const ROLE_LABELS: Partial<Record<NonNullable<ThreadComment["authorRole"]>, string>> = {
  editor: "Editor",
  moderator: "Moderator",
  admin: "Admin",
};

type OpenForm = "reply" | "edit" | "report" | null;

/** A link that opens one of a comment's forms: a real link without JavaScript, a toggle with it. */
function FormToggle({
  kind,
  comment,
  current,
  onToggle,
  children,
}: {
  kind: Exclude<OpenForm, null>;
  comment: ThreadComment;
  current: OpenForm;
  onToggle: (kind: OpenForm) => void;
  children: string;
}) {
  const { search } = useThreadContext();
  const hydrated = useHydrated();
  const params = new URLSearchParams(search);
  params.delete("replyTo");
  params.delete("edit");
  params.delete("report");
  params.set(kind === "reply" ? "replyTo" : kind, String(comment.id));
  const href = `?${params.toString()}#${kind}-form-${comment.id}`;
  return (
    <a
      href={href}
      className="comment-action"
      role={hydrated ? "button" : undefined}
      aria-expanded={hydrated ? current === kind : undefined}
      aria-controls={hydrated && current === kind ? `${kind}-form-${comment.id}` : undefined}
      onClick={(event) => {
        event.preventDefault();
        onToggle(current === kind ? null : kind);
      }}
    >
      {children}
    </a>
  );
}

function CommentView({ comment }: { comment: ThreadComment }) {
  const context = useThreadContext();
  const { viewer, slug, commentsOpen } = context;
  const initiallyOpen: OpenForm =
    context.open && context.open.id === comment.id
      ? context.open.kind
      : context.actionData && !context.actionData.ok && context.actionData.targetId === comment.id
        ? (({ reply: "reply", edit: "edit", report: "report" }) as Record<string, OpenForm>)[context.actionData.intent] ?? null
        : null;
  const [open, setOpen] = useState<OpenForm>(initiallyOpen);
  const headingId = `comment-${comment.id}-author`;
  const isOwn = viewer !== null && comment.authorId === viewer.id;
  const isLive = comment.placeholder === null && !comment.pending;
  const closeHref = `?${new URLSearchParams([...new URLSearchParams(context.search)].filter(([k]) => !["replyTo", "edit", "report"].includes(k))).toString()}#comment-${comment.id}`;

  return (
    <article
      id={`comment-${comment.id}`}
      className={`comment${comment.placeholder ? " comment--placeholder" : ""}${comment.pending ? " comment--pending" : ""}${comment.featured ? " comment--featured" : ""}`}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <header className="comment__header">
        <h3 id={headingId} className="comment__author">
          {comment.placeholder ? (
            <span>Comment unavailable</span>
          ) : comment.authorId ? (
            <Link to={`/users/${comment.authorId}`}>{comment.authorName}</Link>
          ) : (
            <span>{comment.authorName}</span>
          )}
          {comment.authorRole && ROLE_LABELS[comment.authorRole] ? (
            <span className="role-badge">{ROLE_LABELS[comment.authorRole]}</span>
          ) : null}
        </h3>
        <a className="comment__permalink" href={`/articles/${slug}#comment-${comment.id}`}>
          <Time iso={comment.createdAt} />
          <span className="visually-hidden"> (link to this comment)</span>
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
      {comment.placeholder ? (
        <p className="comment__placeholder">{comment.placeholder}</p>
      ) : open === "edit" ? null : (
        <div className="comment__body prose" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? "" }} />
      )}

      {comment.placeholder !== null && viewer?.canModerate ? (
        <div className="comment__actions">
          <Link className="comment-action" to={`/moderation/comments/${comment.id}`}>
            Moderate
          </Link>
        </div>
      ) : null}
      {comment.placeholder === null ? (
        <div className="comment__actions">
          {isLive && viewer && !isOwn ? (
            <LikeButton commentId={comment.id} liked={viewer.liked.includes(comment.id)} likeCount={comment.likeCount} />
          ) : comment.likeCount > 0 ? (
            <span className="comment__likes">{comment.likeCount === 1 ? "1 like" : `${comment.likeCount} likes`}</span>
          ) : null}
          {isLive && commentsOpen && viewer?.canPost ? (
            <FormToggle kind="reply" comment={comment} current={open} onToggle={setOpen}>
              Reply
            </FormToggle>
          ) : null}
          {isLive && !viewer && commentsOpen ? (
            <Link className="comment-action" to={`/login?redirectTo=${encodeURIComponent(`/articles/${slug}#comment-${comment.id}`)}`}>
              Sign in to reply
            </Link>
          ) : null}
          {isOwn && viewer.editable.includes(comment.id) ? (
            <FormToggle kind="edit" comment={comment} current={open} onToggle={setOpen}>
              Edit
            </FormToggle>
          ) : null}
          {isOwn ? <DeleteButton commentId={comment.id} /> : null}
          {viewer?.canModerate && !isOwn ? (
            <Link className="comment-action" to={`/moderation/comments/${comment.id}`}>
              Moderate
            </Link>
          ) : null}
          {isLive && viewer && !isOwn ? (
            viewer.reported.includes(comment.id) ? (
              <span className="comment-action comment-action--done">Reported</span>
            ) : (
              <FormToggle kind="report" comment={comment} current={open} onToggle={setOpen}>
                Report
              </FormToggle>
            )
          ) : null}
        </div>
      ) : null}

      {open === "reply" ? (
        <div id={`reply-form-${comment.id}`} className="comment__form">
          <CommentBodyForm
            intent="reply"
            targetId={comment.id}
            label="Reply"
            submitLabel="Post reply"
            hidden={{ parentId: comment.id }}
            onDone={() => setOpen(null)}
            onCancel={() => setOpen(null)}
            cancelHref={closeHref}
            autoFocus={context.open === null}
          />
        </div>
      ) : null}
      {open === "edit" ? (
        <div id={`edit-form-${comment.id}`} className="comment__form">
          <CommentBodyForm
            intent="edit"
            targetId={comment.id}
            label="Edit your comment"
            submitLabel="Save changes"
            defaultValue={comment.bodySource ?? ""}
            hidden={{ commentId: comment.id }}
            onDone={() => setOpen(null)}
            onCancel={() => setOpen(null)}
            cancelHref={closeHref}
            autoFocus={context.open === null}
          />
        </div>
      ) : null}
      {open === "report" ? (
        <div id={`report-form-${comment.id}`} className="comment__form">
          <ReportForm commentId={comment.id} onCancel={() => setOpen(null)} cancelHref={closeHref} />
        </div>
      ) : null}
    </article>
  );
}

function CommentBranch({ comment, level }: { comment: ThreadComment; level: number }) {
  const { slug } = useThreadContext();
  const repliesLabel = comment.replyCount === 1 ? "1 reply" : `${comment.replyCount} replies`;
  return (
    <li className="thread__item">
      <CommentView comment={comment} />
      {comment.children.length > 0 ? (
        <details className="thread__replies" open>
          <summary>
            {repliesLabel}
            <span className="visually-hidden"> to {comment.authorName ?? "this comment"}</span>
          </summary>
          <ol className="thread thread--replies">
            {comment.children.map((child) => (
              <CommentBranch key={child.id} comment={child} level={level + 1} />
            ))}
          </ol>
          {level === MAX_NESTED_DEPTH - 1 ? (
            <p className="thread__continue">
              <Link to={`/articles/${slug}/comments/${comment.id}`}>Continue this thread →</Link>
            </p>
          ) : null}
        </details>
      ) : null}
    </li>
  );
}

export function CommentList({ comments }: { comments: ThreadComment[] }) {
  if (comments.length === 0) return <p>No comments yet.</p>;
  return (
    <ol className="thread">
      {comments.map((comment) => (
        <CommentBranch key={comment.id} comment={comment} level={0} />
      ))}
    </ol>
  );
}
