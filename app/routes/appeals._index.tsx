import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { DecisionLine } from "~/components/appeal-parts";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { listAppealsOfResident } from "~/models/moderation/appeal.server";
import { appealFormHref } from "~/utils/standing";

export const meta: MetaFunction = () => [{ title: "Your appeals" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // The signed-in resident's own decisions and appeals only.
  const user = await requireUser(request);
  const listing = await listAppealsOfResident(db, { userId: user.id });
  const sent = new URL(request.url).searchParams.get("sent");
  return { ...listing, sent: sent !== null && listing.appeals.some((a) => String(a.id) === sent) };
}

export default function AppealsPage() {
  const { open, appeals, appealDays, sent } = useLoaderData<typeof loader>();
  return (
    <div className="page appeals-page">
      <h1>Your appeals</h1>
      {sent ? (
        <div className="notice notice--success" role="status">
          <p>Your appeal was sent. A moderator other than the one who decided will answer it, and you will be told here and by email.</p>
        </div>
      ) : null}
      <p>
        You can appeal each decision a moderator made about you once, within {appealDays} {appealDays === 1 ? "day" : "days"}:
        a comment not published or removed, or a sanction on your account. <Link to="/terms#appeals">How appeals work</Link>
      </p>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">Decisions you can appeal</h2>
        {open.length === 0 ? (
          <p>There is no decision about you to appeal at the moment.</p>
        ) : (
          <ul className="appeal-list">
            {open.map((decision) => (
              <li key={decision.subjectKey}>
                <p>
                  <DecisionLine decision={decision} />
                </p>
                <p>
                  <Link to={appealFormHref(decision.subject)}>Appeal this decision</Link> (until <Time iso={decision.appealUntil} />)
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="made-heading">
        <h2 id="made-heading">Appeals you have made</h2>
        {appeals.length === 0 ? (
          <p>You have not appealed any decision.</p>
        ) : (
          <ul className="appeal-list">
            {appeals.map((appeal) => (
              <li key={appeal.id} id={`appeal-${appeal.id}`}>
                <p>
                  <strong>{appeal.summary}</strong>: appealed on <Time iso={appeal.createdAt} />.{" "}
                  {appeal.outcome === null
                    ? "Waiting for a moderator’s answer."
                    : appeal.outcome === "reversed"
                      ? "Reversed: the decision was taken back."
                      : "Upheld: the decision stands."}
                </p>
                <p className="appeal-list__text">Your appeal: {appeal.body}</p>
                {appeal.outcome !== null && appeal.answeredAt ? (
                  <p>
                    The moderator’s reason (<Time iso={appeal.answeredAt} />): {appeal.reason}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
