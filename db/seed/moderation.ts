import type { Kysely } from "kysely";
import type { Database, User } from "../schema";
import { createCorrectionReport } from "../../app/models/article/correction.server";
import { reportComment } from "../../app/models/comment/report.server";
import { rejectComment } from "../../app/models/moderation/decision.server";
import { DEFAULT_MODERATION_SETTINGS, saveModerationSettings } from "../../app/models/moderation/hold-rules.server";
import { sanctionUser } from "../../app/models/moderation/sanction.server";
import { makeAppeal } from "../../app/models/moderation/appeal.server";
import { setStoryAfterHours } from "../../app/models/moderation/staffed-hours.server";
import { DEFAULT_STAFFED_HOURS } from "../../app/utils/staffed-hours";
import { makeComment, makeUser } from "../../tests/factories";

/**
 * The demo's moderation work (issue 15 part 8, as far as what exists): so that the queue, the log, the
 * public log, an account's record and the newsroom's corrections have something on a fresh start.
 * Held comments of each kind, open reports with notes, a comment hidden by reports, decisions citing
 * rules, a warning, a suspension, an appeal, staffed hours with one story holding comments at night,
 * and a correction report, on stories the browser tests leave alone.
 * The residents chosen here are ones no test signs in as.
 */
export async function seedModerationDemo(
  db: Kysely<Database>,
  input: {
    staff: { admin: User; moderator: User };
    residents: User[];
    stories: Map<string, number>;
    passwordHash: string;
    at: (msAgo: number) => string;
  },
): Promise<number> {
  const { staff, residents, stories, at } = input;
  // Each comment here is dated a little before the demo's "now", so the demo is the same every time.
  let made = 0;
  const comment = async (values: { articleId: number; authorId: number; bodySource: string; status?: "pending" }) => {
    made += 1;
    return makeComment(db, { ...values, createdAt: at((12 - made) * 3_600_000) });
  };
  const moderator = { id: staff.moderator.id, role: staff.moderator.role };
  const story = (slug: string) => {
    const id = stories.get(slug);
    if (id === undefined) throw new Error(`The moderation demo names an unknown story ${slug}`);
    return id;
  };
  const marina = story("harbour-marina-plan-divides-port-carrick");
  const holidayLets = story("holiday-let-cap-proposed-for-port-carrick");
  const homeCare = story("home-care-waiting-list-sandholm-glenscarra");
  // Residents from the end of the list: the browser tests sign in as those at the start.
  const [reporterA, reporterB, reporterC, writerA, writerB, warned, suspended] = residents.slice(-7);
  if (!reporterA || !reporterB || !reporterC || !writerA || !writerB || !warned || !suspended) {
    throw new Error("The moderation demo needs seven residents.");
  }

  // A suspect word makes one of the holds below real, and shows the rules page filled in; staffed hours
  // (weekdays and Saturday morning, Christmas off) show what the story pages say at night.
  await saveModerationSettings(db, {
    settings: {
      ...DEFAULT_MODERATION_SETTINGS,
      suspectWords: ["liar", "crook"],
      staffedHours: {
        enabled: true,
        days: { ...DEFAULT_STAFFED_HOURS.days, saturday: { from: "10:00", to: "13:00" } },
        datesOff: ["2026-12-25", "2026-12-26", "2027-01-01"],
      },
    },
    adminId: staff.admin.id,
  });
  // The care story is a sensitive one: while nobody is on duty its new comments wait for review.
  await setStoryAfterHours(db, { moderator, articleId: homeCare, mode: "hold" });

  // Held comments, one of each kind, as the screening would have held them.
  const newcomer = await makeUser(db, {
    email: "callum.breck@skerrin.example",
    displayName: "Callum Breck",
    passwordHash: input.passwordHash,
    createdAt: at(20 * 3_600_000),
  });
  const held: { articleId: number; authorId: number; body: string; reason: string }[] = [
    {
      articleId: holidayLets,
      authorId: newcomer.id,
      body: "First time posting. We rent out the flat above the shop two months a year and this cap would end that.",
      reason: "One of the first comments from a new account",
    },
    {
      articleId: holidayLets,
      authorId: writerA.id,
      body: "Compare the figures: [the council's paper](https://example.org/council/lets) and [the tourism board's](https://example.org/tourism/lets).",
      reason: "Contains 2 links",
    },
    {
      articleId: marina,
      authorId: writerB.id,
      body: "Anyone who says the marina will bring jobs is a liar or has not read the plan.",
      reason: "Contains a suspect word or phrase (“liar”)",
    },
  ];
  for (const item of held) {
    const row = await comment({ articleId: item.articleId, authorId: item.authorId, bodySource: item.body, status: "pending" });
    await db.updateTable("comment").set({ held_reason: item.reason }).where("id", "=", row.id).execute();
  }

  // Open reports with notes, and one comment three residents reported, hidden until someone decides.
  const reported = [
    { articleId: marina, authorId: writerA.id, body: "The harbour trust chair owns half the boats in the outer basin. Follow the money.", reason: "misinformation" as const, note: "This is a claim about a named person with nothing to back it." },
    { articleId: homeCare, authorId: writerB.id, body: "My mother waited eleven weeks. The carer who finally came was the same one who lives on Shore Road, number 14.", reason: "personal_information" as const, note: "Gives away where a carer lives." },
  ];
  for (const item of reported) {
    const row = await comment({ articleId: item.articleId, authorId: item.authorId, bodySource: item.body });
    await reportComment(db, { commentId: row.id, reporterId: reporterA.id, articleId: item.articleId, reason: item.reason, note: item.note });
  }
  const piledOn = await comment({
    articleId: marina,
    authorId: writerB.id,
    bodySource: "Typical incomers, wanting the harbour turned into a car park for yachts.",
  });
  for (const [reporter, reason] of [
    [reporterA, "abuse"],
    [reporterB, "hate"],
    [reporterC, "abuse"],
  ] as const) {
    await reportComment(db, { commentId: piledOn.id, reporterId: reporter.id, articleId: marina, reason, note: "" });
  }

  // Decisions citing rules, which fill the log and the public log.
  const removedOne = await comment({ articleId: homeCare, authorId: warned.id, bodySource: "The manager should be ashamed. Everyone knows what she is like at home." });
  await rejectComment(db, { moderator, commentId: removedOne.id, ruleNumber: 3, note: "About the manager's private life, not her decisions." });
  const removedTwo = await comment({ articleId: holidayLets, authorId: suspended.id, bodySource: "Cheap holiday cottages, call 07700 900123, best rates on the island!" });
  await rejectComment(db, { moderator, commentId: removedTwo.id, ruleNumber: 5, note: "Advertising." });

  // A warning waiting to be read, and a suspension with its end.
  await sanctionUser(db, { moderator, userId: warned.id, kind: "warn", ruleNumber: 3, note: "Criticise what people decide, not who they are." });
  await sanctionUser(db, { moderator, userId: suspended.id, kind: "suspend", ruleNumber: 5, note: "Repeated adverts after a warning.", days: 3 });

  // An appeal waiting for an answer: the moderator who removed the comment is the demo's only one, so it
  // goes to the admin.
  await makeAppeal(db, {
    userId: warned.id,
    subject: { kind: "comment", commentId: removedOne.id },
    body: "I was talking about how she runs the care home, which is public business. I can reword the second sentence.",
  });

  // A reader's report of an error in a story, for the newsroom.
  await createCorrectionReport(db, {
    articleId: homeCare,
    body: "The story says the waiting list is 41 people; the health board's own figure last week was 47.",
    email: reporterC.email ?? "reader@skerrin.example",
    reporterId: reporterC.id,
    rateKey: "demo",
  });

  // The demo's notices were "sent" when it was made: nobody is mailed them on the first decision.
  await db.updateTable("notification").set({ mailed_at: at(0) }).where("mailed_at", "is", null).execute();
  return made;
}
