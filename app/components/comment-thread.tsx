import { Link } from "@remix-run/react";
import type { ThreadComment } from "~/models/thread";
import { Time } from "./time";

const ROLE_LABELS: Partial<Record<NonNullable<ThreadComment["authorRole"]>, string>> = {
  editor: "Editor",
  moderator: "Moderator",
  admin: "Admin",
};

function CommentView({ comment }: { comment: ThreadComment }) {
  const headingId = `comment-${comment.id}-author`;
  return (
    <article
      id={`comment-${comment.id}`}
      className={`comment${comment.placeholder ? " comment--placeholder" : ""}${comment.pending ? " comment--pending" : ""}`}
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
        <a className="comment__permalink" href={`#comment-${comment.id}`}>
          <Time iso={comment.createdAt} />
          <span className="visually-hidden"> (link to this comment)</span>
        </a>
        {comment.editedAt ? <span className="comment__edited">edited</span> : null}
        {comment.replyTo ? (
          <span className="comment__reply-to">
            in reply to <a href={`#comment-${comment.replyTo.id}`}>{comment.replyTo.authorName}</a>
          </span>
        ) : null}
      </header>
      {comment.pending ? <p className="comment__status">Awaiting moderation: only you can see this comment.</p> : null}
      {comment.placeholder ? (
        <p className="comment__placeholder">{comment.placeholder}</p>
      ) : (
        <div className="comment__body prose" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? "" }} />
      )}
      {comment.likeCount > 0 ? (
        <p className="comment__likes">
          {comment.likeCount === 1 ? "1 like" : `${comment.likeCount} likes`}
        </p>
      ) : null}
    </article>
  );
}

function CommentBranch({ comment }: { comment: ThreadComment }) {
  return (
    <li className="thread__item">
      <CommentView comment={comment} />
      {comment.children.length > 0 ? (
        <ol className="thread thread--replies" aria-label={`Replies to ${comment.authorName ?? "a removed comment"}`}>
          {comment.children.map((child) => (
            <CommentBranch key={child.id} comment={child} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

export function CommentThread({ comments, count }: { comments: ThreadComment[]; count: number }) {
  return (
    <section id="comments" className="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{count === 1 ? "1 comment" : `${count.toLocaleString("en-GB")} comments`}</h2>
      {comments.length === 0 ? (
        <p>No comments yet.</p>
      ) : (
        <ol className="thread">
          {comments.map((comment) => (
            <CommentBranch key={comment.id} comment={comment} />
          ))}
        </ol>
      )}
      <p className="comments__disclaimer">
        Comments are the views of their authors, not of the newsroom. Everyone who posts agrees to our{" "}
        <Link to="/terms">terms of posting</Link>.
      </p>
    </section>
  );
}
