import type { ModerationSettings } from "./hold-rules.server";
import { describeStaffedHours } from "../../utils/staffed-hours";

/**
 * The hold rules in words for residents (the terms page), from the same settings the screening
 * applies, so that what the site says and what it does are one source.
 */
export function reviewRulesInWords(settings: ModerationSettings): { lead: string; rules: string[] } {
  if (settings.premoderateAll) {
    return { lead: "At the moment a moderator reads every comment from residents before it appears.", rules: [] };
  }
  const rules: string[] = [];
  const needed = settings.newAccountHoldCount;
  if (needed === 1) {
    rules.push("A new resident's comments wait until a moderator has approved their first comment; after that they appear straight away.");
  } else if (needed > 1) {
    rules.push(`A new resident's comments wait until a moderator has approved ${needed} of them; after that they appear straight away.`);
  }
  if (settings.linkHoldCount > 0) {
    rules.push(`A comment with ${settings.linkHoldCount === 1 ? "a link" : `${settings.linkHoldCount} or more links`} waits.`);
  }
  if (settings.suspectWords.length > 0) rules.push("A comment using certain words or phrases that often go with trouble waits.");
  rules.push("Some stories (court cases, for example) have every comment read first; the comment box under them says so.");
  rules.push("A moderator may ask to read an account's comments first, after a breach of these terms.");
  const staffed = settings.staffedHours ? describeStaffedHours(settings.staffedHours) : null;
  if (staffed) {
    rules.push(
      `Our moderators are on duty ${staffed} (UK time). Outside those hours some stories hold new comments for review or pause new comments until a moderator is back; each story says so above its comments.`,
    );
  }
  if (settings.reportHideThreshold > 0) {
    rules.push(
      `A published comment reported by ${settings.reportHideThreshold === 1 ? "a resident" : `${settings.reportHideThreshold} different residents`} is hidden until a moderator has looked at it.`,
    );
  }
  return { lead: "Most comments appear as soon as they are posted. These wait for a moderator first:", rules };
}
