import { Time } from "~/components/time";

export type NewsroomStatusName = "draft" | "scheduled" | "published";

/** "Draft", "Scheduled for 3 Dec 2026, 9:00am", "Published 22 Nov 2026, 6:03pm". */
export function StoryStatusLine({ status, publishedAt }: { status: NewsroomStatusName; publishedAt: string | null }) {
  return (
    <p className={`story-status story-status--${status}`}>
      {status === "draft" ? (
        <span className="status-badge status-badge--draft">Draft</span>
      ) : status === "scheduled" && publishedAt ? (
        <>
          <span className="status-badge status-badge--scheduled">Scheduled</span> for <Time iso={publishedAt} />
        </>
      ) : (
        <>
          <span className="status-badge status-badge--published">Published</span>{" "}
          {publishedAt ? <Time iso={publishedAt} /> : null}
        </>
      )}
    </p>
  );
}
