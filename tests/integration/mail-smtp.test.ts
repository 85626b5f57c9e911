import { readdir } from "node:fs/promises";
import { format } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startMailServer, type ReceivedMail, type TestMailServer } from "../support/smtp";
import { startTestServer, type TestServer } from "../support/test-server";
import { fromAddress, pageText, useFreshOutbox } from "./accounts-support";

/**
 * Mail through SMTP_URL, as production sends it: real SMTP servers on this machine take the messages,
 * or refuse them. The outbox (the default without SMTP_URL) must stay empty throughout.
 */
let app: TestServer;
let outbox: string;
const mailServers: TestMailServer[] = [];

beforeAll(async () => {
  outbox = useFreshOutbox();
  app = await startTestServer();
});
afterEach(() => {
  delete process.env.SMTP_URL;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await app?.close();
  for (const server of mailServers.splice(0)) await server.close();
});

async function useMailServer(behaviour: Parameters<typeof startMailServer>[0]): Promise<TestMailServer> {
  const server = await startMailServer(behaviour);
  mailServers.push(server);
  process.env.SMTP_URL = server.url;
  return server;
}

/** What the app logs through console.error during the test (the setup file fails a test on any other). */
function collectLoggedErrors(): string[] {
  const logged: string[] = [];
  vi.mocked(console.error).mockImplementation((...args: unknown[]) => {
    logged.push(format(...args));
  });
  return logged;
}

const forgot = (email: string) => app.post("/forgot-password", { email }, { headers: fromAddress() });

async function residentWhoWantsReplyMail() {
  const user = await makeUser(app.db, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
  await app.db.updateTable("user").set({ trusted: 1, notify_replies_by_email: 1 }).where("id", "=", user.id).execute();
  return user;
}

let repliers = 0;

async function replyTo(parent: { id: number }, slug: string, body: string) {
  const displayName = `Replying Rhona ${++repliers}`;
  const replier = await makeUser(app.db, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString(), displayName });
  await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", replier.id).execute();
  const response = await app.post(`/articles/${slug}`, { intent: "reply", parentId: String(parent.id), body }, { as: replier });
  return { replier: { ...replier, displayName }, response };
}

function linkPathIn(mail: ReceivedMail): string {
  const link = /https?:\/\/[^\s]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`No link in "${mail.subject}".`);
  return new URL(link).pathname;
}

describe("mail through an SMTP server that accepts it", () => {
  it("delivers a reset link to the resident's address, with its subject and a link that works", async () => {
    const smtp = await useMailServer("accept");
    const user = await makeUser(app.db);
    const response = await forgot(user.email!);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/forgot-password?sent=1");

    const mail = await smtp.waitFor((m) => m.envelopeTo.includes(user.email!));
    expect(mail.envelopeTo).toEqual([user.email]);
    expect(mail.envelopeFrom).toBe("no-reply@parley.invalid");
    expect(mail.to).toBe(user.email);
    expect(mail.subject).toMatch(/^Reset your .* password$/);
    expect(mail.text).toMatch(/within one hour/);
    const path = linkPathIn(mail);
    expect(path).toMatch(/^\/reset-password\/[a-z2-7]{32}$/);
    const page = await app.request(path);
    expect(page.status).toBe(200);
    expect(await pageText(page)).toMatch(/new password/i);
    expect(await readOutboxNames()).toEqual([]);
  });

  it("delivers the email about a reply to the resident who asked for it, with the reply and its link", async () => {
    const smtp = await useMailServer("accept");
    const article = await makeArticle(app.db, { headline: "Harbour wall repairs" });
    const author = await residentWhoWantsReplyMail();
    const parent = await makeComment(app.db, { articleId: article.id, authorId: author.id });
    const { replier, response } = await replyTo(parent, article.slug, "The *north* end floods first");
    expect(response.status).toBe(302);

    const reply = await app.db.selectFrom("comment").select("id").where("parent_id", "=", parent.id).executeTakeFirstOrThrow();
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes(author.email!));
    expect(mail.envelopeTo).toEqual([author.email]);
    expect(mail.to).toBe(author.email);
    expect(mail.subject).toBe(`${replier.displayName} replied to you on “Harbour wall repairs”`);
    expect(mail.text).toContain("The *north* end floods first");
    expect(mail.text).toContain(`/articles/${article.slug}/comments/${reply.id}#comment-${reply.id}`);
    expect(smtp.received.filter((m) => m.envelopeTo.includes(author.email!))).toHaveLength(1);
  });
});

describe.each([
  ["refuses the recipient (550)", "refuse-recipient" as const, /550/],
  ["closes the connection", "hang-up" as const, /closed|ECONNRESET|socket/i],
])("an SMTP server that %s", (_name, behaviour, why) => {
  it("leaves the reset request answered as usual, logs the failure, and a later request by a working server delivers", async () => {
    const logged = collectLoggedErrors();
    const failing = await useMailServer(behaviour);
    const user = await makeUser(app.db);
    const response = await forgot(user.email!);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/forgot-password?sent=1");

    // The mail goes out after the answer: wait for the failure to be logged.
    await expect.poll(() => logged.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`Mail to ${user.email} ("Reset your`);
    expect(logged[0]).toContain("could not be sent");
    expect(logged[0]).toMatch(why);
    expect(failing.connections).toBeGreaterThan(0);
    expect(failing.received).toEqual([]);
    expect(await readOutboxNames()).toEqual([]);

    // Nothing about the account changed; asking again once mail works gives a link that works.
    const row = await app.db.selectFrom("user").select(["password_hash", "status"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ password_hash: null, status: "active" });
    const working = await useMailServer("accept");
    expect((await forgot(user.email!)).status).toBe(302);
    const mail = await working.waitFor((m) => m.envelopeTo.includes(user.email!));
    expect((await app.request(linkPathIn(mail))).status).toBe(200);
  });

  it("keeps the reply, its notification and the usual answer, and logs the failure", async () => {
    const logged = collectLoggedErrors();
    const failing = await useMailServer(behaviour);
    const article = await makeArticle(app.db, { headline: "Ferry timetable" });
    const author = await residentWhoWantsReplyMail();
    const parent = await makeComment(app.db, { articleId: article.id, authorId: author.id });
    const { replier, response } = await replyTo(parent, article.slug, "Sunday sailings are back");

    expect(response.status).toBe(302);
    const replies = await app.db
      .selectFrom("comment")
      .select(["id", "author_id", "status", "body_source"])
      .where("parent_id", "=", parent.id)
      .execute();
    expect(replies).toEqual([{ id: expect.any(Number), author_id: replier.id, status: "visible", body_source: "Sunday sailings are back" }]);
    const reply = replies[0]!;
    expect(response.headers.get("location")).toMatch(new RegExp(`^/articles/${article.slug}(\\?[^#]*)?#comment-${reply.id}$`));
    const notifications = await app.db
      .selectFrom("notification")
      .select(["user_id", "kind", "comment_id"])
      .where("comment_id", "=", reply.id)
      .execute();
    expect(notifications).toEqual([{ user_id: author.id, kind: "reply", comment_id: reply.id }]);
    // The story page shows the reply to everyone.
    expect(await pageText(await app.request(`/articles/${article.slug}`))).toContain("Sunday sailings are back");

    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("The reply notification email could not be sent");
    expect(logged[0]).toMatch(why);
    expect(failing.connections).toBeGreaterThan(0);
    expect(failing.received).toEqual([]);
    expect(await readOutboxNames()).toEqual([]);
  });
});

function readOutboxNames(): Promise<string[]> {
  return readdir(outbox).catch(() => []);
}
