import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticle, makeResident, makeStaff } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { html, logRows, TEST_RULES, useTestRules } from "./moderation-support";
import { DEFAULT_STAFFED_HOURS } from "../../app/utils/staffed-hours";
import { DEFAULT_ALERT_SETTINGS } from "../../app/models/moderation/hold-rules.server";

/** The admins' pages: the terms of posting and the hold rules. */
let app: TestServer;
let staff: Awaited<ReturnType<typeof makeStaff>>;

beforeAll(async () => {
  app = await startTestServer();
  await useTestRules(app.db);
  staff = await makeStaff(app.db);
});
afterAll(async () => {
  await app?.close();
});

async function termsVersion() {
  const row = await app.db.selectFrom("setting").select("value").where("key", "=", "terms_version").executeTakeFirst();
  return row ? (JSON.parse(row.value) as number) : 1;
}

async function rules() {
  return app.db.selectFrom("terms_rule").select(["number", "title", "body"]).orderBy("number").execute();
}

/** The form as the page posts it: the current rules, edited, plus rows for new ones. */
function termsForm(rows: RuleRow[]) {
  const fields: Record<string, string> = { rows: String(rows.length) };
  rows.forEach((row, i) => {
    fields[`number-${i}`] = row.number;
    fields[`title-${i}`] = row.title;
    fields[`body-${i}`] = row.body;
    if (row.remove) fields[`remove-${i}`] = "on";
  });
  return fields;
}

type RuleRow = { number: string; title: string; body: string; remove?: boolean };
const current = (): RuleRow[] => TEST_RULES.map((r) => ({ number: String(r.number), title: r.title, body: r.body }));

describe("editing the terms of posting", () => {
  it("shows each rule in a labelled form", async () => {
    const page = await html(await app.request("/admin/terms", { as: staff.admin }));
    expect(page).toContain("<h1>Terms of posting</h1>");
    expect(page).toContain('<label for="title-0">Title</label>');
    expect(page).toContain('value="Be civil"');
    expect(page).toContain("Remove this rule");
  });

  it("adds, edits and removes rules in one save, raises the version and writes one audit row", async () => {
    await useTestRules(app.db);
    const before = await termsVersion();
    const rows = current();
    rows[0]!.title = "Be kind";
    rows[1]!.remove = true;
    rows.push({ number: "4", title: "Stay on topic", body: "Keep to the story." }, { number: "", title: "", body: "" });
    const response = await app.post("/admin/terms", termsForm(rows), { as: staff.admin });
    expect(response.status).toBe(200);
    expect(await html(response)).toContain(`The terms of posting are now version ${before + 1}.`);
    expect(await rules()).toEqual([
      { number: 1, title: "Be kind", body: TEST_RULES[0]!.body },
      { number: 3, title: "No personal attacks", body: TEST_RULES[2]!.body },
      { number: 4, title: "Stay on topic", body: "Keep to the story." },
    ]);
    expect(await termsVersion()).toBe(before + 1);
    expect(await logRows(app.db, { action: "update_terms" })).toMatchObject([{ moderator_id: staff.admin.id }]);
    const publicTerms = await html(await app.request("/terms"));
    expect(publicTerms).toContain("Stay on topic");
    expect(publicTerms).not.toContain("No hate");
  });

  it("refuses duplicate numbers and empty titles beside the fields, keeping what was typed and changing nothing", async () => {
    await useTestRules(app.db);
    const before = await termsVersion();
    const logged = (await logRows(app.db, { action: "update_terms" })).length;
    const rows = current();
    rows[1]!.number = "1";
    rows.push({ number: "7", title: "", body: "A body without a title" });
    const response = await app.post("/admin/terms", termsForm(rows), { as: staff.admin });
    expect(response.status).toBe(400);
    const page = await html(response);
    expect(page).toContain('id="number-1-error"');
    expect(page).toContain("Another rule already has number 1.");
    expect(page).toContain('id="title-3-error"');
    expect(page).toContain("A body without a title");
    expect(await rules()).toEqual(TEST_RULES);
    expect(await termsVersion()).toBe(before);
    expect((await logRows(app.db, { action: "update_terms" })).length).toBe(logged);
  });

  it("refuses to remove every rule", async () => {
    await useTestRules(app.db);
    const response = await app.post("/admin/terms", termsForm(current().map((r) => ({ ...r, remove: true }))), { as: staff.admin });
    expect(response.status).toBe(400);
    expect(await html(response)).toContain("Keep at least one rule");
    expect(await rules()).toEqual(TEST_RULES);
  });
});

describe("the hold rules", () => {
  const form = (changes: Record<string, string> = {}) => ({
    newAccountHoldCount: "0",
    linkHoldCount: "3",
    reportHideThreshold: "5",
    suspectWords: "ferry scam\nrigged",
    bannedWords: "slanderword",
    bannedWordsRule: "3",
    appealDays: "21",
    pairReplies: "3",
    pairMinutes: "30",
    ...changes,
  });

  it("shows the current settings", async () => {
    const page = await html(await app.request("/admin/moderation", { as: staff.admin }));
    expect(page).toContain("<h1>Hold rules</h1>");
    expect(page).toMatch(/id="newAccountHoldCount"[^>]*value="1"/);
    expect(page).toMatch(/id="reportHideThreshold"[^>]*value="3"/);
  });

  it("saves every setting with an audit row, and posting follows them: banned words refused naming the rule, suspect words held", async () => {
    const response = await app.post("/admin/moderation", form(), { as: staff.admin });
    expect(response.status).toBe(200);
    const stored = await app.db.selectFrom("setting").select("value").where("key", "=", "moderation_rules").executeTakeFirstOrThrow();
    expect(JSON.parse(stored.value)).toEqual({
      newAccountHoldCount: 0,
      linkHoldCount: 3,
      suspectWords: ["ferry scam", "rigged"],
      bannedWords: ["slanderword"],
      bannedWordsRule: 3,
      reportHideThreshold: 5,
      premoderateAll: false,
      appealDays: 21,
      staffedHours: DEFAULT_STAFFED_HOURS,
      alerts: DEFAULT_ALERT_SETTINGS,
      pairReplies: 3,
      pairMinutes: 30,
    });
    expect(await logRows(app.db, { action: "update_moderation_rules" })).toMatchObject([{ moderator_id: staff.admin.id }]);

    const article = await makeArticle(app.db);
    const resident = await makeResident(app.db, 300);
    const refused = await app.post(`/articles/${article.slug}`, { intent: "comment", body: "What a slanderword thing to say" }, { as: resident });
    expect(refused.status).toBe(400);
    expect(await html(refused)).toContain("rule 3 of our terms of posting (No personal attacks)");
    await app.post(`/articles/${article.slug}`, { intent: "comment", body: "The vote was rigged" }, { as: resident });
    const held = await app.db.selectFrom("comment").select(["status", "held_reason"]).where("author_id", "=", resident.id).executeTakeFirstOrThrow();
    expect(held.status).toBe("pending");
    expect(held.held_reason).toContain("rigged");
  });

  it("switches site-wide pre-moderation on and off", async () => {
    await app.post("/admin/moderation", form({ premoderateAll: "on" }), { as: staff.admin });
    const page = await html(await app.request("/admin/moderation", { as: staff.admin }));
    expect(page).toMatch(/id="premoderateAll"[^>]*checked/);
    const article = await makeArticle(app.db);
    const resident = await makeResident(app.db, 300);
    await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", resident.id).execute();
    await app.post(`/articles/${article.slug}`, { intent: "comment", body: "A calm remark" }, { as: resident });
    const held = await app.db.selectFrom("comment").select("status").where("author_id", "=", resident.id).executeTakeFirstOrThrow();
    expect(held.status).toBe("pending");
    await app.post("/admin/moderation", form(), { as: staff.admin });
    const stored = await app.db.selectFrom("setting").select("value").where("key", "=", "moderation_rules").executeTakeFirstOrThrow();
    expect(JSON.parse(stored.value).premoderateAll).toBe(false);
  });

  it("refuses numbers out of range and a rule that is not in the terms, beside the fields, saving nothing", async () => {
    const logged = (await logRows(app.db, { action: "update_moderation_rules" })).length;
    const before = await app.db.selectFrom("setting").select("value").where("key", "=", "moderation_rules").executeTakeFirst();
    const response = await app.post("/admin/moderation", form({ linkHoldCount: "500", reportHideThreshold: "three", appealDays: "0", pairMinutes: "0" }), { as: staff.admin });
    expect(response.status).toBe(400);
    const page = await html(response);
    expect(page).toContain('id="appealDays-error"');
    expect(page).toMatch(/id="pairMinutes-error"[^>]*>Enter the minutes as a whole number from 1 to 1,440\./);
    expect(page).toMatch(/id="appealDays"[^>]*value="0"/);
    expect(page).toContain('id="linkHoldCount-error"');
    expect(page).toContain('id="reportHideThreshold-error"');
    expect(page).toMatch(/id="reportHideThreshold"[^>]*value="three"/);
    const noRule = await app.post("/admin/moderation", form({ bannedWordsRule: "42" }), { as: staff.admin });
    expect(noRule.status).toBe(400);
    expect(await html(noRule)).toContain('id="bannedWordsRule-error"');
    const after = await app.db.selectFrom("setting").select("value").where("key", "=", "moderation_rules").executeTakeFirst();
    expect(after).toEqual(before);
    expect((await logRows(app.db, { action: "update_moderation_rules" })).length).toBe(logged);
  });
});
