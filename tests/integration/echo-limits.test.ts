import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISPLAY_NAME_MAX, EMAIL_MAX } from "../../app/models/account/limits";
import { createCorrectionReport } from "../../app/models/article/correction.server";
import { REPORT_NOTE_MAX_LENGTH } from "../../app/models/comment/report.server";
import { COMMENT_MAX_LENGTH } from "../../app/utils/comment-rules";
import { UNLISTED_FIELD_MAX } from "../../app/utils/forms";
import { ACCOUNT_NOTE_MAX, MODERATION_NOTE_MAX } from "../../app/utils/moderation-limits";
import {
  CATEGORY_NAME_MAX,
  CORRECTION_NOTE_MAX,
  HEADLINE_MAX,
  REPORT_BODY_MAX,
  SLUG_FIELD_MAX,
  SUMMARY_MAX,
} from "../../app/utils/newsroom-limits";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { fromAddress, PASSWORD, passwordHash, useFreshOutbox } from "./accounts-support";

/**
 * Issue 28, part 4: a form that comes back with its errors brings back what was typed, each value cut
 * to its field's limit. 60,000 characters typed into a 40-character field are not sent back twice in
 * a 128 KB page; what fits comes back unchanged.
 */

const SIXTY_THOUSAND = 60_000;
/** The error messages and the form's short fields, beside the values sent back. */
const SLACK_BYTES = 4_096;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** A value of 60,000 characters: `start` followed by x's. */
const oversized = (start = "") => start + "x".repeat(SIXTY_THOUSAND - start.length);

/** The longest run of x's in a page: how much of an oversized value came back in one piece. */
function longestRunOfX(html: string): number {
  return Math.max(0, ...(html.match(/x+/g) ?? []).map((run) => run.length));
}

let app: TestServer;
const site = {
  slug: "",
  articleId: 0,
  commentId: 0,
  pendingId: 0,
  reportId: 0,
  resident: { id: 0, displayName: "" },
  editor: { id: 0 },
  moderator: { id: 0 },
  admin: { id: 0 },
};

beforeAll(async () => {
  useFreshOutbox();
  app = await startTestServer();
  await app.db.insertInto("terms_rule").values([{ number: 1, title: "Be civil", body: "Be kind." }]).execute();
  const hash = await passwordHash();
  const resident = await makeUser(app.db, { passwordHash: hash, createdAt: daysAgo(100) });
  const editor = await makeUser(app.db, { role: "editor", createdAt: daysAgo(400) });
  const moderator = await makeUser(app.db, { role: "moderator", createdAt: daysAgo(400) });
  const admin = await makeUser(app.db, { role: "admin", createdAt: daysAgo(500) });
  const article = await makeArticle(app.db, { authorId: editor.id });
  const comment = await makeComment(app.db, { articleId: article.id, authorId: resident.id, status: "visible" });
  const pending = await makeComment(app.db, { articleId: article.id, authorId: resident.id, status: "pending" });
  await createCorrectionReport(app.db, { articleId: article.id, body: "The ferry leaves at nine.", email: "", reporterId: resident.id, rateKey: "echo" });
  const report = await app.db.selectFrom("correction_report").select("id").where("article_id", "=", article.id).executeTakeFirstOrThrow();
  Object.assign(site, {
    slug: article.slug,
    articleId: article.id,
    commentId: comment.id,
    pendingId: pending.id,
    reportId: report.id,
    resident: { id: resident.id, displayName: resident.display_name },
    editor,
    moderator,
    admin,
  });
});
afterAll(async () => {
  await app?.close();
});

interface Case {
  /** The form and the field sent 60,000 characters. */
  name: string;
  path: string;
  fields: () => Record<string, string>;
  /** The field's limit, and the characters of the value before its x's. */
  limit: number;
  start?: string;
  as?: () => { id: number };
  /** The answer is the form again with what it made of the values (a preview), not a refusal. */
  answersOk?: true;
  /** The page the form is on, as its sender sees it without having posted (the path's own page unless given). */
  page?: () => string;
}

const resident = () => site.resident;
const cases: Case[] = [
  {
    name: "/join, the display name",
    path: "/join",
    fields: () => ({ displayName: oversized(), email: "new.resident@parley.example", password: "a long new password 9", terms: "on" }),
    limit: DISPLAY_NAME_MAX,
  },
  {
    name: "/join, the hidden address to go back to, when the name is taken",
    path: "/join",
    start: "/",
    fields: () => ({
      displayName: site.resident.displayName,
      email: "another.resident@parley.example",
      password: "a long new password 9",
      terms: "on",
      redirectTo: oversized("/"),
    }),
    limit: UNLISTED_FIELD_MAX,
  },
  {
    name: "/login, the hidden address to go back to, when the password is wrong",
    path: "/login",
    start: "/",
    fields: () => ({ email: "nobody@parley.example", password: "not the password", redirectTo: oversized("/") }),
    limit: UNLISTED_FIELD_MAX,
  },
  { name: "/login, the email", path: "/login", fields: () => ({ email: oversized(), password: PASSWORD }), limit: EMAIL_MAX },
  { name: "/forgot-password, the email", path: "/forgot-password", fields: () => ({ email: oversized() }), limit: EMAIL_MAX },
  {
    name: "/settings, the display name",
    path: "/settings",
    fields: () => ({ intent: "display-name", displayName: oversized() }),
    limit: DISPLAY_NAME_MAX,
    as: resident,
  },
  {
    name: "/settings, the new email",
    path: "/settings",
    fields: () => ({ intent: "email", newEmail: oversized(), currentPassword: PASSWORD }),
    limit: EMAIL_MAX,
    as: resident,
  },
  {
    name: "the story's comment form",
    path: "/articles/:slug",
    fields: () => ({ intent: "comment", body: oversized() }),
    limit: COMMENT_MAX_LENGTH,
    as: resident,
  },
  {
    name: "a reply",
    path: "/articles/:slug",
    fields: () => ({ intent: "reply", parentId: String(site.commentId), body: oversized() }),
    limit: COMMENT_MAX_LENGTH,
    as: resident,
  },
  {
    name: "editing one's comment",
    path: "/articles/:slug",
    fields: () => ({ intent: "edit", commentId: String(site.commentId), body: oversized() }),
    limit: COMMENT_MAX_LENGTH,
    as: resident,
  },
  {
    name: "the comment form sent from a comment's own page",
    path: "/articles/:slug",
    page: () => `/articles/${site.slug}/comments/${site.commentId}`,
    fields: () => ({ intent: "reply", parentId: String(site.commentId), body: oversized() }),
    limit: COMMENT_MAX_LENGTH,
    as: resident,
  },
  {
    name: "reporting a comment, the note",
    path: "/articles/:slug",
    fields: () => ({ intent: "report", commentId: String(site.commentId), reason: "spam", note: oversized() }),
    limit: REPORT_NOTE_MAX_LENGTH,
    as: resident,
  },
  {
    name: "reporting an error in the story, the message",
    path: "/articles/:slug/report-error",
    fields: () => ({ body: oversized(), email: "" }),
    limit: REPORT_BODY_MAX,
  },
  {
    name: "reporting an error in the story, the email",
    path: "/articles/:slug/report-error",
    fields: () => ({ body: "The ferry leaves at ten, not nine.", email: oversized() }),
    limit: EMAIL_MAX,
  },
  ...(["headline", "summary", "slug", "newCategory"] as const).map(
    (field): Case => ({
      name: `the editor's new story, the ${field}`,
      path: "/editor/new",
      fields: () => ({ intent: "draft", headline: "Ferry timetable changes", [field]: oversized() }),
      limit: { headline: HEADLINE_MAX, summary: SUMMARY_MAX, slug: SLUG_FIELD_MAX, newCategory: CATEGORY_NAME_MAX }[field],
      as: () => site.editor,
    }),
  ),
  {
    name: "the editor's preview, the headline",
    path: "/editor/new",
    fields: () => ({ intent: "preview", headline: oversized(), body: "A paragraph." }),
    answersOk: true,
    limit: HEADLINE_MAX,
    as: () => site.editor,
  },
  {
    name: "the editor's story page, the summary",
    path: "/editor/:articleId",
    fields: () => ({ intent: "save", headline: "Ferry timetable changes", summary: oversized(), body: "A paragraph." }),
    limit: SUMMARY_MAX,
    as: () => site.editor,
  },
  {
    name: "the editor's story page, a correction note",
    path: "/editor/:articleId",
    fields: () => ({ intent: "correction", note: oversized() }),
    limit: CORRECTION_NOTE_MAX,
    as: () => site.editor,
  },
  {
    name: "the newsroom's reports, a correction note",
    path: "/editor/corrections",
    fields: () => ({ intent: "note", reportId: String(site.reportId), articleId: String(site.articleId), note: oversized() }),
    limit: CORRECTION_NOTE_MAX,
    as: () => site.editor,
  },
  {
    name: "a moderator's decision on a comment, the note",
    path: "/moderation/comments/:pendingId",
    fields: () => ({ intent: "approve", note: oversized() }),
    limit: MODERATION_NOTE_MAX,
    as: () => site.moderator,
  },
  {
    name: "the moderation queue, the note",
    path: "/moderation?index",
    page: () => "/moderation",
    fields: () => ({ intent: "approve", commentId: String(site.pendingId), note: oversized() }),
    limit: MODERATION_NOTE_MAX,
    as: () => site.moderator,
  },
  {
    name: "a story's discussion settings, the note",
    path: "/moderation/stories/:articleId",
    fields: () => ({ intent: "close", note: oversized() }),
    limit: MODERATION_NOTE_MAX,
    as: () => site.moderator,
  },
  {
    name: "a sanction, the note",
    path: "/moderation/users/:residentId",
    fields: () => ({ intent: "sanction", kind: "warn", ruleNumber: "1", note: oversized() }),
    limit: MODERATION_NOTE_MAX,
    as: () => site.moderator,
  },
  {
    name: "a note about an account",
    path: "/moderation/users/:residentId",
    fields: () => ({ intent: "note", body: oversized() }),
    limit: ACCOUNT_NOTE_MAX,
    as: () => site.moderator,
  },
  {
    name: "the terms of posting, a rule's title",
    path: "/admin/terms",
    fields: () => ({ rows: "1", "number-0": "1", "title-0": oversized(), "body-0": "Be kind." }),
    limit: 120,
    as: () => site.admin,
  },
  {
    name: "the terms of posting, a rule's text",
    path: "/admin/terms",
    fields: () => ({ rows: "1", "number-0": "1", "title-0": "Be civil", "body-0": oversized() }),
    limit: 2000,
    as: () => site.admin,
  },
];

/** A path with the site's ids put in. */
function address(path: string): string {
  return path
    .replace(":slug", site.slug)
    .replace(":articleId", String(site.articleId))
    .replace(":pendingId", String(site.pendingId))
    .replace(":residentId", String(site.resident.id));
}

describe("values sent back to a form", () => {
  it.each(cases)("come back cut to their field's limit: $name", async (form) => {
    const as = form.as?.();
    // Each post from its own network address, so that no sign-in or join limit answers instead.
    const headers = fromAddress();
    const normal = await app.request(address(form.page?.() ?? form.path), { as, headers });
    expect(normal.status, "the form's page").toBe(200);
    const normalBytes = (await normal.arrayBuffer()).byteLength;

    const response = await app.post(address(form.path), form.fields(), { as, headers });
    const html = await response.text();
    if (form.answersOk) expect(response.status).toBe(200);
    else expect([400, 429]).toContain(response.status);
    // What fits comes back unchanged, and nothing beyond it.
    expect(longestRunOfX(html)).toBe(form.limit - (form.start ?? "").length);
    expect(html).not.toContain(oversized(form.start));
    expect(Buffer.byteLength(html), `${Buffer.byteLength(html)} bytes against a page of ${normalBytes}`).toBeLessThanOrEqual(
      normalBytes + 2 * form.limit + SLACK_BYTES,
    );
  });

  it("bring back a value within its field's limit whole, though a part of it is wrong", async () => {
    // A word list may run to hundreds of lines; one entry too long must not cost the admin the rest.
    const list = [...Array.from({ length: 300 }, (_, i) => `word${i} ${"y".repeat(100)}`), "z".repeat(201)].join("\n");
    const response = await app.post(
      "/admin/moderation",
      { newAccountHoldCount: "0", linkHoldCount: "2", reportHideThreshold: "3", suspectWords: list, bannedWords: "", bannedWordsRule: "1" },
      { as: site.admin },
    );
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain("Keep each entry of the suspect list under 200 characters.");
    expect(html).toContain(`${"y".repeat(100)}\nword299 ${"y".repeat(100)}\n${"z".repeat(201)}</textarea>`);
  });
});
