import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOutbox } from "../../app/utils/mail.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";

const outbox = mkdtempSync(join(tmpdir(), "parley-outbox-"));
process.env.OUTBOX_DIR = outbox;
process.env.MAIL_LOG = "off";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
  rmSync(outbox, { recursive: true, force: true });
});

async function trusted(displayName: string, notify: boolean) {
  const user = await makeUser(app.db, { displayName, createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
  await app.db
    .updateTable("user")
    .set({ trusted: 1, notify_replies_by_email: notify ? 1 : 0 })
    .where("id", "=", user.id)
    .execute();
  return user;
}

describe("email about replies", () => {
  it("is sent to a resident who asked for it, with a link to the reply, and not to one who did not", async () => {
    const article = await makeArticle(app.db, { headline: "Ferry fares rise" });
    const wantsMail = await trusted("Mairi Mailwanted", true);
    const noMail = await trusted("Duncan Nomail", false);
    const replier = await trusted("Replying Rhona", false);
    const first = await makeComment(app.db, { articleId: article.id, authorId: wantsMail.id });
    const second = await makeComment(app.db, { articleId: article.id, authorId: noMail.id });
    await app.post(`/articles/${article.slug}`, { intent: "reply", parentId: String(first.id), body: "Good point about fares" }, { as: replier });
    await app.post(`/articles/${article.slug}`, { intent: "reply", parentId: String(second.id), body: "I disagree on fares" }, { as: replier });
    // sending happens after the response; give it a moment
    let messages = await readOutbox(outbox);
    for (let i = 0; i < 20 && messages.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      messages = await readOutbox(outbox);
    }
    expect(messages).toHaveLength(1);
    expect(messages[0]!.to).toBe(wantsMail.email);
    expect(messages[0]!.subject).toContain("Replying Rhona replied to you");
    const reply = await app.db.selectFrom("comment").select("id").where("parent_id", "=", first.id).executeTakeFirstOrThrow();
    expect(messages[0]!.text).toContain(`/articles/${article.slug}/comments/${reply.id}#comment-${reply.id}`);
  });
});

describe("npm run comments:rerender", () => {
  it("rebuilds every comment's stored HTML from its source", async () => {
    const article = await makeArticle(app.db);
    const author = await trusted("Rerender Ruth", false);
    const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id, bodySource: "Some *emphasis* here" });
    await app.db.updateTable("comment").set({ body_html: "<p>stale</p>" }).where("id", "=", comment.id).execute();
    const run = promisify(execFile);
    const { stdout } = await run(resolve("node_modules/.bin/tsx"), ["db/rerender-comments-cli.ts"], {
      env: { ...process.env, DATABASE_URL: app.databaseUrl },
    });
    expect(stdout).toMatch(/1 changed/);
    const row = await app.db.selectFrom("comment").select("body_html").where("id", "=", comment.id).executeTakeFirstOrThrow();
    expect(row.body_html).toContain("<em>emphasis</em>");
  });
});
