import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { listRecentCommentsByUser } from "~/models/comment/thread-page.server";
import { getPublicProfile } from "~/models/user.server";
import { notFound, parseId } from "~/utils/http";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { settings?: { siteName: string } } | undefined;
  const siteName = root?.settings?.siteName ?? "Parley";
  return [{ title: data ? `${data.profile.displayName} · ${siteName}` : `Page not found · ${siteName}` }];
};

export async function loader({ params }: LoaderFunctionArgs) {
  // Public page: only what a person chose to show (name, join date, public comments).
  const id = parseId(params.id);
  const profile = id ? await getPublicProfile(db, id) : undefined;
  if (!id || !profile) throw notFound("There is no such member.");
  const comments = await listRecentCommentsByUser(db, id, 20);
  return { profile, comments };
}

const ROLE_NAMES = { resident: "Resident", editor: "Editor", moderator: "Moderator", admin: "Site admin" } as const;

export default function UserProfilePage() {
  const { profile, comments } = useLoaderData<typeof loader>();
  return (
    <div className="profile">
      <header className="page-header">
        <h1>{profile.displayName}</h1>
        <p>
          {ROLE_NAMES[profile.role]} · member since <Time iso={profile.memberSince} dateOnly /> ·{" "}
          {profile.commentCount === 1 ? "1 comment" : `${profile.commentCount} comments`}
        </p>
        {profile.bio ? <p className="profile__bio">{profile.bio}</p> : null}
      </header>
      <section aria-labelledby="recent-comments">
        <h2 id="recent-comments">Recent comments</h2>
        {comments.length === 0 ? (
          <p>No comments yet.</p>
        ) : (
          <ol className="recent-comments">
            {comments.map((comment) => (
              <li key={comment.id}>
                <p className="recent-comments__on">
                  On <Link to={`/articles/${comment.articleSlug}`}>{comment.articleHeadline}</Link> ·{" "}
                  <Link to={`/articles/${comment.articleSlug}/comments/${comment.id}#comment-${comment.id}`}>
                    <Time iso={comment.createdAt} />
                  </Link>
                </p>
                <div className="prose" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
