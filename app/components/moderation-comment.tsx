import { Link } from "@remix-run/react";
import type { QueueItem } from "~/models/moderation/queue.server";
import { REPORT_REASON_LABELS } from "~/utils/comment-rules";
import { COMMENT_STATUS_LABELS, describeAge, plural, ROLE_LABELS, StatusBadge } from "./moderation-parts";
import { Time } from "./time";

/**
 * A comment as a moderator weighs it: where it was posted and what it answers, what it says, the first
 * replies, who wrote it and their record, and what residents reported. Bodies are the stored,
 * sanitised HTML.
 */
export function ModerationCommentContext({ item, now, headingId }: { item: QueueItem; now: string; headingId: string }) {
  const permalink = `/articles/${item.article.slug}/comments/${item.id}`;
  return (
    <>
      <header className="moderation-item__header">
        <h2 id={headingId} className="moderation-item__story">
          <Link to={permalink}>{item.article.headline}</Link>
        </h2>
        <p className="moderation-item__meta">
          <StatusBadge status={item.status} /> <Link to={`/moderation/users/${item.author.id}`}>{item.author.displayName}</Link>{" "}
          · <Time iso={item.createdAt} />
          {item.editedAt ? " · edited" : null}
          {item.featured ? " · featured" : null}
        </p>
        {item.status === "pending" && item.heldReason ? (
          <p className="moderation-item__held">
            <strong>Held:</strong> {item.heldReason}
          </p>
        ) : null}
        {(item.status === "rejected" || item.status === "removed") && item.ruleNumber !== null ? (
          <p className="moderation-item__held">
            <strong>{COMMENT_STATUS_LABELS[item.status]}:</strong> rule {item.ruleNumber}
            {item.ruleTitle ? `, ${item.ruleTitle}` : ""}
            {item.moderationNote ? ` · note to the author: ${item.moderationNote}` : ""}
          </p>
        ) : null}
      </header>

      {item.parent ? (
        <div className="moderation-item__parent">
          <p className="moderation-item__label">
            In reply to {item.parent.authorName}
            {item.parent.status !== "visible" ? ` (${COMMENT_STATUS_LABELS[item.parent.status].toLowerCase()})` : ""}:
          </p>
          <ClampedProse html={item.parent.bodyHtml} what="the comment it answers" />
        </div>
      ) : null}

      <div className="moderation-item__body prose" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />

      {item.replies.length > 0 ? (
        <div className="moderation-item__replies" id={`replies-${item.id}`}>
          <p className="moderation-item__label">
            {item.replyCount > item.replies.length
              ? `First ${item.replies.length} of ${plural(item.replyCount, "reply", "replies")}:`
              : `${plural(item.replyCount, "reply", "replies")}:`}
          </p>
          <ul>
            {item.replies.map((reply) => (
              <li key={reply.id}>
                <strong>{reply.authorName}</strong>
                {reply.status !== "visible" ? ` (${COMMENT_STATUS_LABELS[reply.status].toLowerCase()})` : ""}:
                <ClampedProse html={reply.bodyHtml} what={`${reply.authorName}’s reply`} />
              </li>
            ))}
          </ul>
          {item.replyCount > item.replies.length ? (
            <p>
              <Link to={`/moderation/comments/${item.id}?replies=all#replies-${item.id}`}>
                {`Show all ${plural(item.replyCount, "reply", "replies")}`}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="moderation-item__facts">
        <div className="moderation-item__author">
          <p className="moderation-item__label">Author</p>
          <p>
            <Link to={`/moderation/users/${item.author.id}`}>{item.author.displayName}</Link>
            {item.author.role !== "resident" ? ` (${ROLE_LABELS[item.author.role]})` : ""}
          </p>
          <ul>
            <li>Account {describeAge(item.author.createdAt, now)} old</li>
            <li>{plural(item.author.commentCount, "comment")}</li>
            <li>
              {item.author.removals === 0 && item.author.sanctions === 0
                ? "No earlier decisions against them"
                : `${plural(item.author.removals, "earlier removal")}, ${plural(item.author.sanctions, "sanction")}`}
            </li>
            {item.author.status !== "active" ? <li>Account {item.author.status}</li> : null}
            {item.author.trusted ? <li>Trusted</li> : null}
            {item.author.premoderate ? <li>Always pre-moderated</li> : null}
          </ul>
        </div>
        <div className="moderation-item__reports">
          <p className="moderation-item__label">Reports</p>
          {item.reports.open === 0 ? (
            <p>{item.reports.resolved > 0 ? `No open reports (${item.reports.resolved} resolved)` : "No reports"}</p>
          ) : (
            <ul>
              {item.reports.byReason.map((group) => (
                <li key={group.reason}>
                  {REPORT_REASON_LABELS[group.reason]}: {group.count}
                  {group.notes.length > 0 ? (
                    <ul className="moderation-item__notes">
                      {group.notes.map((note, index) => (
                        <li key={index}>“{note}”</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      {item.lastDecision ? (
        <p className="moderation-item__decision">
          Last decision: {item.lastDecision.label.toLowerCase()}
          {item.lastDecision.ruleNumber !== null ? ` under rule ${item.lastDecision.ruleNumber}` : ""}, by{" "}
          {item.lastDecision.moderatorName ?? "the site (automatic)"}, <Time iso={item.lastDecision.createdAt} />
        </p>
      ) : null}
    </>
  );
}

/** Past about four lines a preview is long: shown in whole lines, with the whole text on request. */
const LONG_PREVIEW_CHARACTERS = 180;

function isLongPreview(html: string): boolean {
  const blocks = (html.match(/<(p|li|blockquote|pre)[\s>]/g) ?? []).length;
  return blocks > 2 || html.replace(/<[^>]*>/g, "").length > LONG_PREVIEW_CHARACTERS;
}

/**
 * A comment shown for context (the one answered, a reply): whole when short; when long, its first
 * whole lines (never cut through a line) and a "Show all" that opens the whole text, with or without
 * JavaScript.
 */
export function ClampedProse({ html, what }: { html: string; what: string }) {
  if (!isLongPreview(html)) return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
  return (
    <div className="clamped">
      <div className="prose clamped__preview" dangerouslySetInnerHTML={{ __html: html }} />
      <details className="clamped__more">
        <summary>
          Show all<span className="visually-hidden">{` of ${what}`}</span>
        </summary>
        <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
      </details>
    </div>
  );
}
