import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordDutySwitch } from "../../app/models/moderation/staffed-hours.server";
import { DEFAULT_STAFFED_HOURS, WEEKDAYS, type StaffedHours } from "../../app/utils/staffed-hours";
import { saveModerationSettings } from "../../app/models/moderation/hold-rules.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { html, logRows } from "./moderation-support";

// Issue 15 part 1: staffed hours. Outside them each story follows its own setting (carry on, hold new
// comments, pause new top-level comments); the story page says what applies and until when; every
// switch is logged, once, whichever server sees it. The boundary and summer time are in
// tests/unit/staffed-hours.test.ts; here the whole path through HTTP, on SQLite and PostgreSQL.

let app: TestServer;
let admin: { id: number };
let moderator: { id: number };

beforeAll(async () => {
  app = await startTestServer();
  admin = await makeUser(app.db, { role: "admin" });
  moderator = await makeUser(app.db, { role: "moderator" });
});
afterAll(async () => {
  await app?.close();
});

const everyDay = (span: { from: string; to: string } | null) => Object.fromEntries(WEEKDAYS.map((day) => [day, span])) as StaffedHours["days"];
/** Nobody is ever on duty: off duty now, with no next change. */
const neverStaffed: StaffedHours = { enabled: true, days: everyDay(null), datesOff: [] };
/** Always on duty. */
const alwaysStaffed: StaffedHours = { enabled: true, days: everyDay({ from: "00:00", to: "24:00" }), datesOff: [] };

async function setHours(hours: StaffedHours) {
  await saveModerationSettings(app.db, { settings: { staffedHours: hours }, adminId: admin.id, action: "update_staffed_hours" });
}

async function trustedResident() {
  const user = await makeUser(app.db, { createdAt: new Date(Date.now() - 60 * 86_400_000).toISOString() });
  await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
  return user;
}

async function storySetTo(mode: "carry_on" | "hold" | "pause") {
  const story = await makeArticle(app.db);
  const answer = await app.post(`/moderation/stories/${story.id}`, { intent: "after_hours", afterHours: mode }, { as: moderator });
  expect(answer.status).toBe(200);
  return story;
}

describe("the admins' staffed hours", () => {
  it("are refused beside each field when a time or a date is wrong, keeping what was typed", async () => {
    const before = await app.db.selectFrom("setting").select("value").where("key", "=", "moderation_rules").executeTakeFirst();
    const answer = await app.post(
      "/admin/staffed-hours",
      { enabled: "on", mondayFrom: "9am", mondayTo: "17:30", tuesdayFrom: "18:00", tuesdayTo: "09:00", wednesdayFrom: "09:00", datesOff: "2026-12-25\nChristmas" },
      { as: admin },
    );
    expect(answer.status).toBe(400);
    const page = await html(answer);
    expect(page).toMatch(/id="mondayFrom-error"[^>]*>Enter when Monday’s shift starts as a time like 09:00/);
    expect(page).toMatch(/id="mondayFrom"[^>]*value="9am"/);
    expect(page).toMatch(/id="tuesdayTo-error"[^>]*>Tuesday’s shift must end after it starts/);
    expect(page).toMatch(/id="wednesdayTo-error"/);
    expect(page).toMatch(/id="datesOff-error"[^>]*>“Christmas” is not a date/);
    const after = await app.db.selectFrom("setting").select("value").where("key", "=", "moderation_rules").executeTakeFirst();
    expect(after).toEqual(before);
    expect((await app.request("/admin/staffed-hours", { as: moderator })).status).toBe(403);
  });

  it("are saved, logged, and stated on the terms page; the hold rules page keeps them", async () => {
    const answer = await app.post(
      "/admin/staffed-hours",
      {
        enabled: "on",
        ...Object.fromEntries(["monday", "tuesday", "wednesday", "thursday", "friday"].flatMap((d) => [[`${d}From`, "09:00"], [`${d}To`, "17:30"]])),
        saturdayFrom: "10:00",
        saturdayTo: "13:00",
        datesOff: "2026-12-26\n2026-12-25",
      },
      { as: admin },
    );
    expect(answer.status).toBe(200);
    const stored = JSON.parse((await app.db.selectFrom("setting").select("value").where("key", "=", "moderation_rules").executeTakeFirstOrThrow()).value);
    expect(stored.staffedHours).toEqual({
      enabled: true,
      days: { ...DEFAULT_STAFFED_HOURS.days, saturday: { from: "10:00", to: "13:00" } },
      datesOff: ["2026-12-25", "2026-12-26"],
    });
    expect(await logRows(app.db, { action: "update_staffed_hours" })).toMatchObject([
      { moderator_id: admin.id, note: "Monday to Friday, 9:00am to 5:30pm; Saturday, 10:00am to 1:00pm" },
    ]);
    expect(await html(await app.request("/terms"))).toContain("Our moderators are on duty Monday to Friday, 9:00am to 5:30pm; Saturday, 10:00am to 1:00pm (UK time)");
    // Saving the hold rules leaves the hours as they are.
    await app.post(
      "/admin/moderation",
      { newAccountHoldCount: "1", linkHoldCount: "2", reportHideThreshold: "3", bannedWordsRule: "1", appealDays: "14" },
      { as: admin },
    );
    const kept = JSON.parse((await app.db.selectFrom("setting").select("value").where("key", "=", "moderation_rules").executeTakeFirstOrThrow()).value);
    expect(kept.staffedHours.days.saturday).toEqual({ from: "10:00", to: "13:00" });
  });
});

describe("a story while nobody is on duty", () => {
  it("set to hold: a resident's comment waits, the page and the comment box say so and until when; staff are not held", async () => {
    await setHours(neverStaffed);
    const story = await storySetTo("hold");
    expect(await logRows(app.db, { articleId: story.id, action: "set_after_hours" })).toMatchObject([{ moderator_id: moderator.id }]);
    const page = await html(await app.request(`/articles/${story.slug}`));
    expect(page).toContain("No moderator is on duty at the moment. Until then, new comments on this story wait for review before they appear.");
    const resident = await trustedResident();
    const layer = (await (await app.request(`/articles/${story.slug}/reader`, { as: resident })).json()) as { viewer: { holdNotice: string | null } };
    expect(layer.viewer.holdNotice).toContain("No moderator is on duty at the moment: until then, each comment on this story waits for review");

    expect((await app.post(`/articles/${story.slug}`, { intent: "comment", body: "Late-night thoughts on the ferry" }, { as: resident })).status).toBe(302);
    const held = await app.db.selectFrom("comment").select(["status", "held_reason"]).where("author_id", "=", resident.id).executeTakeFirstOrThrow();
    expect(held).toEqual({ status: "pending", held_reason: "Posted while no moderator was on duty" });
    await app.post(`/articles/${story.slug}`, { intent: "comment", body: "A word from the desk" }, { as: moderator });
    const staff = await app.db.selectFrom("comment").select("status").where("author_id", "=", moderator.id).executeTakeFirstOrThrow();
    expect(staff.status).toBe("visible");

    // On duty again: the same story takes comments straight away, and its page says nothing of it.
    await setHours(alwaysStaffed);
    expect(await html(await app.request(`/articles/${story.slug}`))).not.toContain("on duty");
    await app.post(`/articles/${story.slug}`, { intent: "comment", body: "Morning now, and all is calm" }, { as: resident });
    const later = await app.db.selectFrom("comment").select("status").where("author_id", "=", resident.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(later.status).toBe("visible");
  });

  it("set to pause: a new top-level comment is refused with why and the text kept; replies still go up", async () => {
    await setHours(neverStaffed);
    const story = await storySetTo("pause");
    const resident = await trustedResident();
    const parent = await makeComment(app.db, { articleId: story.id, authorId: (await trustedResident()).id, bodySource: "Earlier point" });
    const refused = await app.post(`/articles/${story.slug}`, { intent: "comment", body: "My midnight opinion" }, { as: resident });
    expect(refused.status).toBe(400);
    const page = await html(refused);
    expect(page).toContain("New comments on this story are paused while no moderator is on duty. You can still reply to a comment");
    expect(page).toContain("My midnight opinion");
    expect(await app.db.selectFrom("comment").select("id").where("author_id", "=", resident.id).execute()).toEqual([]);
    const replied = await app.post(`/articles/${story.slug}`, { intent: "reply", parentId: String(parent.id), body: "A reply is fine" }, { as: resident });
    expect(replied.status).toBe(302);
    expect(await html(await app.request(`/articles/${story.slug}`))).toContain("new comments on this story are paused; replies to existing comments still appear");
  });

  it("set to carry on: comments appear, and the page says when they will be reviewed", async () => {
    await setHours({ ...neverStaffed, days: { ...everyDay(null), monday: { from: "09:00", to: "17:30" } } });
    const story = await storySetTo("carry_on");
    expect(await html(await app.request(`/articles/${story.slug}`))).toMatch(/Our moderators are back at 9:00am on Monday \d{1,2} \w+\. Comments appear as usual and are reviewed then\./);
    const resident = await trustedResident();
    await app.post(`/articles/${story.slug}`, { intent: "comment", body: "Nothing waits here" }, { as: resident });
    expect((await app.db.selectFrom("comment").select("status").where("author_id", "=", resident.id).executeTakeFirstOrThrow()).status).toBe("visible");
  });

  it("an unknown after-hours choice is refused beside the field", async () => {
    const story = await makeArticle(app.db);
    const answer = await app.post(`/moderation/stories/${story.id}`, { intent: "after_hours", afterHours: "party" }, { as: moderator });
    expect(answer.status).toBe(400);
    expect(await html(answer)).toContain("Choose what this story does while no moderator is on duty.");
    expect((await app.db.selectFrom("article").select("after_hours").where("id", "=", story.id).executeTakeFirstOrThrow()).after_hours).toBe("carry_on");
  });
});

describe("the switch between on and off duty", () => {
  it("is logged once however many servers see it at the same moment", async () => {
    const weekdays: StaffedHours = { ...DEFAULT_STAFFED_HOURS, enabled: true };
    await setHours(weekdays);
    const friday = new Date("2026-12-11T17:00:00Z");
    await recordDutySwitch(app.db, friday); // on duty: kept as the state now
    const before = (await logRows(app.db, { action: "duty_ended" })).length;
    const evening = new Date("2026-12-11T17:30:00Z");
    const seen = await Promise.all([1, 2, 3, 4].map(() => recordDutySwitch(app.db, evening)));
    expect(seen.every((duty) => !duty.onDuty && duty.nextChange === "2026-12-14T09:00:00.000Z")).toBe(true);
    const ended = await logRows(app.db, { action: "duty_ended" });
    expect(ended.length - before).toBe(1);
    // (The server's own switcher looks too, at the real time: the note may name its next change.)
    expect(ended.at(-1)).toMatchObject({ moderator_id: null, note: expect.stringMatching(/^Nobody on duty until 9:00am on \w+day \d+ December$/) });
    const started = (await logRows(app.db, { action: "duty_started" })).length;
    const monday = new Date("2026-12-14T09:00:00Z");
    await Promise.all([recordDutySwitch(app.db, monday), recordDutySwitch(app.db, monday)]);
    const after = await logRows(app.db, { action: "duty_started" });
    expect(after.length - started).toBe(1);
    expect(after.at(-1)).toMatchObject({ moderator_id: null, note: "On duty until 5:30pm on Monday 14 December" });
  });
});
