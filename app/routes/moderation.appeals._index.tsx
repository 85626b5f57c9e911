import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ModerationNav } from "~/components/moderation-parts";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { listAppealsForStaff, staffMayAnswer } from "~/models/moderation/appeal.server";

export const meta: MetaFunction = () => [{ title: "Appeals · Moderation" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Moderators and admins only.
  const user = await requirePermission(request, "moderate:comment");
  const { open, answered } = await listAppealsForStaff(db, { staffId: user.id });
  return {
    open: open.map((appeal) => ({ ...appeal, forYou: appeal.assignedTo?.id === user.id, mayAnswer: staffMayAnswer(appeal, user) })),
    answered,
    viewer: { id: user.id, isAdmin: user.role === "admin" },
  };
}

const OUTCOME = { upheld: "Upheld", reversed: "Reversed" } as const;

export default function AppealsQueuePage() {
  const { open, answered, viewer } = useLoaderData<typeof loader>();
  const forYou = open.filter((a) => a.forYou).length;
  return (
    <div className="moderation-page appeals-queue">
      <ModerationNav isAdmin={viewer.isAdmin} current="/moderation/appeals" />
      <h1>Appeals</h1>
      <p>
        Each appeal goes to a moderator other than the one who decided (an admin when there is no other). Answer with a reason:
        the resident is told it, and a reversal puts the comment back or lifts the sanction.
      </p>
      <section aria-labelledby="open-appeals">
        <h2 id="open-appeals">Waiting for an answer ({open.length}{forYou ? `, ${forYou} for you` : ""})</h2>
        {open.length === 0 ? (
          <p>No appeal is waiting.</p>
        ) : (
          <ul className="appeal-list">
            {open.map((appeal) => (
              <li key={appeal.id}>
                <p>
                  <Link to={`/moderation/appeals/${appeal.id}`}>{`Appeal ${appeal.id}`}</Link> from {appeal.appellant.name},{" "}
                  <Time iso={appeal.createdAt} />: {appeal.summary}.
                </p>
                <p>
                  {appeal.forYou
                    ? "For you to answer."
                    : appeal.mayAnswer
                      ? `For ${appeal.assignedTo?.name ?? "an admin"}; as an admin you may answer it too.`
                      : `For ${appeal.assignedTo?.name ?? "an admin"} to answer.`}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="answered-appeals">
        <h2 id="answered-appeals">Answered lately</h2>
        {answered.length === 0 ? (
          <p>No appeal has been answered yet.</p>
        ) : (
          <ul className="appeal-list">
            {answered.map((appeal) => (
              <li key={appeal.id}>
                <Link to={`/moderation/appeals/${appeal.id}`}>{`Appeal ${appeal.id}`}</Link> from {appeal.appellant.name}:{" "}
                {appeal.outcome ? OUTCOME[appeal.outcome] : ""} by {appeal.answeredBy ?? "a former moderator"}
                {appeal.answeredAt ? (
                  <>
                    , <Time iso={appeal.answeredAt} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
