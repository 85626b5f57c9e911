import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { listNotifications, markNotificationsRead, type ReplyNotice } from "~/models/notification.server";

export const meta: MetaFunction = () => [{ title: "Your notifications" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const notices = await listNotifications(db, user.id);
  return { notices };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markNotificationsRead(db, user.id);
  return { ok: true };
}

export default function NotificationsPage() {
  const { notices } = useLoaderData<typeof loader>();
  const unread = notices.filter((n) => !n.read).length;
  const fromModerators = notices.filter((n) => n.kind === "moderation");
  const replies = notices.filter((n) => n.kind !== "moderation");
  return (
    <div className="page notifications">
      <h1>Your notifications</h1>
      {unread > 0 ? (
        <Form method="post" className="form-actions">
          <button type="submit" className="button button--secondary">
            Mark all as read
          </button>
        </Form>
      ) : null}
      {fromModerators.length > 0 ? (
        <section aria-labelledby="from-moderators">
          <h2 id="from-moderators">From the moderators</h2>
          <ol className="notification-list">
            {fromModerators.map((notice) => (
              <li key={notice.id} className={notice.read ? "notification" : "notification notification--unread"}>
                {!notice.read ? <span className="visually-hidden">New: </span> : null}
                <p>
                  {notice.body} · <Time iso={notice.createdAt} />
                </p>
                <ModerationNoticeLinks notice={notice} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="replies-to-you">
        <h2 id="replies-to-you">Replies to you</h2>
        {replies.length === 0 ? (
          <p>Nobody has replied to you yet. When someone does, it shows up here.</p>
        ) : (
          <ol className="notification-list">
            {replies.map((notice) => (
              <li key={notice.id} className={notice.read ? "notification" : "notification notification--unread"}>
                {!notice.read ? <span className="visually-hidden">New: </span> : null}
                {notice.articleSlug ? (
                  <>
                    <p>
                      <strong>{notice.actorName}</strong> replied to you on{" "}
                      <Link to={`/articles/${notice.articleSlug}`}>{notice.articleHeadline}</Link> · <Time iso={notice.createdAt} />
                    </p>
                    <blockquote className="notification__excerpt">
                      <p>{notice.excerpt}</p>
                    </blockquote>
                    {/* A form, not a link: opening the reply marks it read, with or without JavaScript. */}
                    <Form method="post" action={`/notifications/${notice.id}`} className="inline-form">
                      <button type="submit" className="button button--link">
                        Read {notice.actorName}’s reply<span className="visually-hidden"> on {notice.articleHeadline}</span>
                      </button>
                    </Form>
                  </>
                ) : (
                  <p>
                    {notice.body} · <Time iso={notice.createdAt} />
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** Where a notice from the moderators leads: the comment, the rule, and what to do next. */
function ModerationNoticeLinks({ notice }: { notice: ReplyNotice }) {
  const links = notice.links;
  if (!links || (!links.comment && !links.rule && !links.appeal)) return null;
  return (
    <ul className="notification__links">
      {links.comment ? (
        <li>
          <Link to={links.comment}>Your comment{notice.articleHeadline ? ` on “${notice.articleHeadline}”` : ""}</Link>
        </li>
      ) : null}
      {links.rule ? (
        <li>
          <Link to={links.rule}>Rule {notice.ruleNumber} of the terms of posting</Link>
        </li>
      ) : null}
      {links.appeal ? (
        <li>
          <Link to={links.appeal}>How to appeal this decision</Link>
        </li>
      ) : null}
    </ul>
  );
}
