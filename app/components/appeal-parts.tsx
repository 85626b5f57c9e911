import { Link } from "@remix-run/react";
import { Time } from "./time";

/** "Your comment on “X” was removed on 3 Dec 2026, under rule 3 (No personal attacks)." */
export function DecisionLine({
  decision,
}: {
  decision: { summary: string; decidedAt: string; ruleNumber: number | null; ruleTitle: string | null };
}) {
  return (
    <>
      <strong>{decision.summary}</strong> on <Time iso={decision.decidedAt} />
      {decision.ruleNumber ? (
        <>
          , under <Link to={`/terms#rule-${decision.ruleNumber}`}>rule {decision.ruleNumber}</Link>
          {decision.ruleTitle ? ` (${decision.ruleTitle})` : ""}
        </>
      ) : null}
      .
    </>
  );
}
