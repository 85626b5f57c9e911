import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { requirePermission } from "~/auth/guards.server";
import { roleCan } from "~/auth/permissions";
import { HourBars } from "~/components/heat-chart";
import { ModerationNav } from "~/components/moderation-parts";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { listStoryHeat, sortStoryHeat } from "~/models/moderation/heat.server";
import { HEAT_HOURS, HEAT_SORTS, type HeatSort } from "~/utils/heat";
import { SITE_TIME_ZONE } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Heat · Moderation" }, { name: "robots", content: "noindex" }];

const hourFormat = new Intl.DateTimeFormat("en-GB", { timeZone: SITE_TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

export async function loader({ request }: LoaderFunctionArgs) {
  // Moderators, admins and editors (who stand behind their stories' discussions).
  const user = await requirePermission(request, "view:heat");
  const sortParam = new URL(request.url).searchParams.get("sort");
  const sort: HeatSort = (HEAT_SORTS as readonly string[]).includes(sortParam ?? "") ? (sortParam as HeatSort) : "last-hour";
  const now = new Date();
  const stories = sortStoryHeat(await listStoryHeat(db, { now }), sort);
  const hourLabels = Array.from({ length: HEAT_HOURS }, (_, i) => {
    const start = new Date(now.getTime() - (HEAT_HOURS - 1 - i) * 3_600_000);
    start.setUTCMinutes(0, 0, 0);
    return `${hourFormat.format(start)}${i === HEAT_HOURS - 1 ? " (now)" : ""}`;
  });
  return { stories, sort, hourLabels, at: now.toISOString(), viewer: { isAdmin: user.role === "admin", isModerator: roleCan(user.role, "moderate:comment") } };
}

const COLUMNS: { sort: HeatSort | null; label: string }[] = [
  { sort: null, label: "Story" },
  { sort: "last-hour", label: "Last hour" },
  { sort: null, label: `Comments an hour, last ${HEAT_HOURS} hours` },
  { sort: "total", label: `Comments, ${HEAT_HOURS} h` },
  { sort: "commenters", label: "Commenters" },
  { sort: "held", label: "Held or taken down" },
  { sort: "reports", label: "Open reports" },
];

/** The page reads itself again every minute while it is shown (with JavaScript; otherwise reload it). */
function useRefreshEveryMinute() {
  const { revalidate } = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") revalidate();
    }, 60_000);
    return () => clearInterval(timer);
  }, [revalidate]);
}

export default function HeatPage() {
  const { stories, sort, hourLabels, at, viewer } = useLoaderData<typeof loader>();
  useRefreshEveryMinute();
  const percent = (part: number, whole: number) => (whole === 0 ? "0%" : `${Math.round((part / whole) * 100)}%`);
  return (
    <div className="moderation-page heat-page">
      {viewer.isModerator ? <ModerationNav isAdmin={viewer.isAdmin} current="/moderation/heat" /> : null}
      <h1>Heat</h1>
      <p>
        Where the discussion runs hot: each story with comments in the last {HEAT_HOURS} hours. Figures as of <Time iso={at} />;
        the page refreshes itself every minute.
      </p>
      {stories.length === 0 ? (
        <p>No comments in the last {HEAT_HOURS} hours.</p>
      ) : (
        <div className="table-scroll">
          <table className="heat-table">
            <caption className="visually-hidden">Stories by how heated their discussion is</caption>
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th key={column.label} scope="col" aria-sort={column.sort && column.sort === sort ? "descending" : undefined}>
                    {column.sort ? (
                      <Link to={`/moderation/heat?sort=${column.sort}`} aria-current={column.sort === sort ? "true" : undefined}>
                        {column.label}
                      </Link>
                    ) : (
                      column.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stories.map((story) => (
                <tr key={story.articleId}>
                  <th scope="row">
                    <Link to={viewer.isModerator ? `/moderation/stories/${story.articleId}` : `/articles/${story.slug}#comments`}>{story.headline}</Link>
                  </th>
                  <td>{story.lastHour}</td>
                  <td>
                    <HourBars perHour={story.perHour} label={story.headline} hourLabels={hourLabels} />
                  </td>
                  <td>{story.total}</td>
                  <td>{story.commenters}</td>
                  <td>
                    {percent(story.held + story.takenDown, story.total)}
                    <span className="heat-table__detail">{` (${story.held} held, ${story.takenDown} taken down)`}</span>
                  </td>
                  <td>{story.openReports}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
