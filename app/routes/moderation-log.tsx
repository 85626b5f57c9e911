import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { plural } from "~/components/moderation-parts";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { countRecentSanctions, listPublicRemovals } from "~/models/moderation/log.server";
import { pageFromUrl } from "~/utils/http";
import { nowIso } from "~/utils/time";

export const meta: MetaFunction = () => [
  { title: "Moderation log" },
  { name: "description", content: "Every comment our moderators took down, when, on which story, and under which rule." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  // Public page: removals by date, story, rule and role only; never a name or the removed text.
  const now = nowIso();
  const [listing, sanctions] = await Promise.all([
    listPublicRemovals(db, { page: pageFromUrl(request), now }),
    countRecentSanctions(db, { days: 30, now }),
  ]);
  return { ...listing, sanctions };
}

export default function PublicModerationLogPage() {
  const { removals, page, hasNextPage, sanctions } = useLoaderData<typeof loader>();
  return (
    <div className="page moderation-public-log">
      <h1>Moderation log</h1>
      <p>
        Every comment our moderators took down or put back on appeal, newest first: when, on which story, and which of the{" "}
        <Link to="/terms">terms of posting</Link> it broke. We do not show who wrote it, what it said, or which moderator
        decided.
      </p>
      <p>
        In the last 30 days: {plural(sanctions.warn, "warning")}, {plural(sanctions.premoderate, "account")} put on
        pre-moderation, {plural(sanctions.suspend, "suspension")} and {plural(sanctions.ban, "ban")};{" "}
        {plural(sanctions.reversedOnAppeal, "decision")} reversed on <Link to="/terms#appeals">appeal</Link>.
      </p>
      {removals.length === 0 ? (
        <p>No comments have been taken down{page > 1 ? " on this page" : " yet"}.</p>
      ) : (
        <div className="table-scroll">
          <table className="moderation-log moderation-log--public">
            <caption className="visually-hidden">{`Comments taken down, page ${page}`}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Story</th>
                <th scope="col">Rule</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {removals.map((removal) => (
                <tr key={removal.id}>
                  <td data-label="When">
                    <Time iso={removal.createdAt} />
                  </td>
                  <td data-label="Story">
                    <Link to={`/articles/${removal.story.slug}`}>{removal.story.headline}</Link>
                  </td>
                  <td data-label="Rule">
                    {removal.ruleNumber !== null ? (
                      <Link to={`/terms#rule-${removal.ruleNumber}`}>
                        {`Rule ${removal.ruleNumber}${removal.ruleTitle ? `: ${removal.ruleTitle}` : ""}`}
                      </Link>
                    ) : (
                      "No rule recorded"
                    )}
                  </td>
                  <td data-label="Decision">
                    {removal.kind === "reversed" ? "Put back on appeal" : removal.kind === "rejected" ? "Not published" : "Removed"} by {removal.by}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pagination" aria-label="Pages of the log">
        {page > 1 ? (
          <Link to={`/moderation-log?page=${page - 1}`} rel="prev">
            Previous page
          </Link>
        ) : null}
        <span>{`Page ${page}`}</span>
        {hasNextPage ? (
          <Link to={`/moderation-log?page=${page + 1}`} rel="next">
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
