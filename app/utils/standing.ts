import { formatDateTime } from "./time";

/**
 * How a resident under a sanction is told where they stand, in the same words wherever they are
 * refused, and where they appeal: their appeals page lists every decision they may still appeal.
 */
export const APPEAL_HREF = "/appeals";

/** A decision a resident may appeal: one about their comment, or a sanction on their account. */
export type AppealSubject = { kind: "comment"; commentId: number } | { kind: "sanction"; sanctionId: number };

/** Where the form to appeal one decision is. */
export function appealFormHref(subject: AppealSubject): string {
  return subject.kind === "comment" ? `/appeals/new?comment=${subject.commentId}` : `/appeals/new?sanction=${subject.sanctionId}`;
}

/** The subject named by the appeal form's address (`?comment=12` or `?sanction=3`), or null. */
export function appealSubjectFromParams(params: URLSearchParams): AppealSubject | null {
  for (const kind of ["comment", "sanction"] as const) {
    const raw = params.get(kind);
    if (raw !== null) {
      const id = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
      if (!id) return null;
      return kind === "comment" ? { kind, commentId: id } : { kind, sanctionId: id };
    }
  }
  return null;
}

export interface RestrictionFacts {
  kind: "ban" | "suspend" | "premoderate" | "warn";
  until: string | null;
  ruleNumber: number | null;
  ruleTitle: string | null;
}

/** What follows every refusal: what is still open to them, and where appeals are explained. */
export const STILL_READ = "You can still read, and appeal the decision from your appeals page (/appeals).";

/** Whether the account's stored state keeps it from posting, liking and reporting at this moment. */
export function isRestrictedNow(user: { status: string; statusUntil: string | null }, now = Date.now()): boolean {
  if (user.status === "banned") return true;
  return user.status === "suspended" && (!user.statusUntil || Date.parse(user.statusUntil) > now);
}

/** "Your account is suspended from posting, liking and reporting until 9 Dec 2026, 6:00pm" */
export function restrictionHeadline(facts: Pick<RestrictionFacts, "kind" | "until">): string {
  if (facts.kind === "ban") return "Your account is banned from posting, liking and reporting";
  return `Your account is suspended from posting, liking and reporting${facts.until ? ` until ${formatDateTime(facts.until)}` : " for now"}`;
}

/** "rule 3 of our terms of posting (No personal attacks)", or null when no rule was cited. */
export function citedRule(facts: Pick<RestrictionFacts, "ruleNumber" | "ruleTitle">): string | null {
  if (!facts.ruleNumber) return null;
  return `rule ${facts.ruleNumber} of our terms of posting${facts.ruleTitle ? ` (${facts.ruleTitle})` : ""}`;
}

/** The whole sentence, for places that can only show text (a refused form's message). */
export function restrictionMessage(facts: RestrictionFacts): string {
  const rule = citedRule(facts);
  return `${restrictionHeadline(facts)}${rule ? `, under ${rule}` : ""}. ${STILL_READ}`;
}
