import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Time } from "./time";
import type { SanctionInForce } from "~/models/moderation/standing.server";
import { APPEAL_HREF, appealFormHref, restrictionHeadline } from "~/utils/standing";

/** A rule of the terms, linked to where the terms page shows it. */
export function RuleCited({ ruleNumber, ruleTitle }: { ruleNumber: number | null; ruleTitle: string | null }) {
  if (!ruleNumber) return null;
  return (
    <>
      <Link to={`/terms#rule-${ruleNumber}`}>rule {ruleNumber}</Link> of our terms of posting{ruleTitle ? ` (${ruleTitle})` : ""}
    </>
  );
}

/**
 * Where a banned or suspended reader stands, in place of the comment form: until when, under which
 * rule, what they may still do, and how to appeal.
 */
export function RestrictionNotice({ restriction }: { restriction: SanctionInForce }) {
  return (
    <div className="notice" id="comment-form" role="region" aria-labelledby="restriction-heading">
      <h3 id="restriction-heading">{restrictionHeadline(restriction)}</h3>
      <p>
        {restriction.ruleNumber ? (
          <>
            A moderator decided this under <RuleCited ruleNumber={restriction.ruleNumber} ruleTitle={restriction.ruleTitle} />.
          </>
        ) : (
          "A moderator decided this."
        )}{" "}
        You can still read every story and discussion, and manage your account in <Link to="/settings">your settings</Link>.
      </p>
      {restriction.note ? <p>Note from the moderator: {restriction.note}</p> : null}
      <p>
        <Link to={appealFormHref({ kind: "sanction", sanctionId: restriction.id })}>Appeal this decision</Link>
      </p>
    </div>
  );
}

const STANDING_LINES: Record<SanctionInForce["kind"], (s: SanctionInForce) => ReactNode> = {
  ban: (s) => restrictionHeadline(s),
  suspend: (s) => restrictionHeadline(s),
  premoderate: () => "A moderator checks each of your comments before it appears",
  warn: () => (
    <>
      A moderator has warned you. Read the warning and confirm it above the comment box of any story before you post
      again
    </>
  ),
};

/** The settings page's account of the sanctions in force (nothing when there are none). */
export function AccountStanding({ sanctions }: { sanctions: SanctionInForce[] }) {
  if (sanctions.length === 0) return null;
  return (
    <section aria-labelledby="settings-standing" className="notice" id="standing">
      <h2 id="settings-standing">Your standing</h2>
      <ul>
        {sanctions.map((s) => (
          <li key={s.id}>
            {STANDING_LINES[s.kind](s)}
            {s.ruleNumber ? (
              <>
                , under <RuleCited ruleNumber={s.ruleNumber} ruleTitle={s.ruleTitle} />
              </>
            ) : null}
            . Decided on <Time iso={s.since} />.{s.note ? ` Note from the moderator: ${s.note}` : ""}{" "}
            <Link to={appealFormHref({ kind: "sanction", sanctionId: s.id })}>Appeal this decision</Link>
          </li>
        ))}
      </ul>
      <p>
        You can still read every story and discussion. <Link to={APPEAL_HREF}>Your appeals</Link>
      </p>
    </section>
  );
}
