import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { listNotifications, markNotificationsRead } from "~/models/notification.server";

export const meta: MetaFunction = () => [{ title: "Replies to you" }];

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
  return (
    <div className="page notifications">
      <h1>Replies to you</h1>
      {unread > 0 ? (
        <Form method="post" className="form-actions">
          <button type="submit" className="button button--secondary">
            Mark all as read
          </button>
        </Form>
      ) : null}
      {notices.length === 0 ? (
        <p>Nobody has replied to you yet. When someone does, it shows up here.</p>
      ) : (
        <ol className="notification-list">
          {notices.map((notice) => (
            <li key={notice.id} className={notice.read ? "notification" : "notification notification--unread"}>
              {!notice.read ? <span className="visually-hidden">New: </span> : null}
              {notice.kind === "reply" && notice.articleSlug ? (
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
    </div>
  );
}
