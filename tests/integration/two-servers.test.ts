import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { createDatabase } from "../../db/database";
import type { Database } from "../../db/schema";
import { makeArticle, makeUser } from "../factories";
import { createTestDatabaseUrl, testDialect, type EmptyTestDatabase } from "../support/test-db";
import { post, request, startServer, stopServer, type RunningServer } from "../support/app-process";
import { fromAddress, passwordHash, PASSWORD, sessionCookieFrom } from "./accounts-support";

/**
 * Two app servers on one PostgreSQL database, as behind a load balancer: two real processes running
 * the production build (build/server.js), each with its own pool, page caches and LISTEN connection.
 * PostgreSQL only: a SQLite file is served by one process.
 */
describe.skipIf(testDialect() !== "postgres")("two app servers on one PostgreSQL database", () => {
  let database: EmptyTestDatabase;
  let db: Kysely<Database>;
  let a: RunningServer;
  let b: RunningServer;

  const cookieFor = async (user: { id: number }) => `${SESSION_COOKIE}=${(await createSession(db, user.id, { userAgent: "test" })).token}`;
  const established = () => makeUser(db, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
  const trusted = async () => {
    const user = await established();
    await db.updateTable("user").set({ trusted: 1 }).where("id", "=", user.id).execute();
    return user;
  };

  beforeAll(async () => {
    database = await createTestDatabaseUrl();
    db = createDatabase(database.databaseUrl, { poolSize: 3 });
    [a, b] = await Promise.all([startServer("A", database.databaseUrl), startServer("B", database.databaseUrl)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([stopServer(a), stopServer(b)]);
    await db?.destroy();
    await database?.drop();
  });

  it("shows a comment posted through one server on the other's pages, cached or not, as soon as it hears of it", async () => {
    const article = await makeArticle(db, { headline: "Ferry timetable changes for the winter" });
    const path = `/articles/${article.slug}`;
    // B has the page cached for anonymous readers before the comment is written.
    for (let i = 0; i < 40; i++) if ((await request(b, path)).headers.get("x-parley-cache") === "HIT") break;
    expect((await request(b, path)).headers.get("x-parley-cache")).toBe("HIT");

    const author = await trusted();
    const posted = await post(a, path, { intent: "comment", body: "Posted through server A" }, { Cookie: await cookieFor(author) });
    expect(posted.status, `${posted.headers.get("location")} ${a.output.join("")}`).toBe(302);
    // B learns of the write only through the database's notification: nothing else would drop its copy
    // before the copy's 30 s are up (server/page-cache.ts). So the test waits for the comment (how soon is
    // the benchmark's business) but gives up well inside those 30 s, and the page that shows it must be
    // a fresh rendering, not the copy B held.
    let shown: Response | undefined;
    await expect
      .poll(
        async () => {
          const response = await request(b, path);
          if (!(await response.clone().text()).includes("Posted through server A")) return false;
          shown = response;
          return true;
        },
        { timeout: 10_000, interval: 10 },
      )
      .toBe(true);
    expect(shown!.headers.get("x-parley-cache")).not.toBe("HIT");
    // And signed in, on B, at once.
    const reader = await established();
    expect(await (await request(b, path, { headers: { Cookie: await cookieFor(reader) } })).text()).toContain("Posted through server A");
  });

  it("keeps sessions, throttles and flood limits across both servers", async () => {
    const resident = await makeUser(db, { passwordHash: await passwordHash(), createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    // Signed in through A, recognised by B.
    const signedIn = await post(a, "/login", { email: resident.email!, password: PASSWORD, redirectTo: "/" }, fromAddress());
    const cookie = sessionCookieFrom(signedIn)!;
    expect(cookie).toBeTruthy();
    expect(await (await request(b, "/settings", { headers: { Cookie: cookie } })).text()).toContain(resident.display_name);

    // Wrong passwords, alternating servers, all count against the one account (five before the waits begin).
    const victim = await makeUser(db, { passwordHash: await passwordHash() });
    for (let i = 0; i < 5; i++) {
      await post(i % 2 ? b : a, "/login", { email: victim.email!, password: `wrong-${i}`, redirectTo: "/" }, fromAddress());
    }
    const row = await db.selectFrom("throttle").select("count").where("key", "=", `login:email:${victim.email}`).executeTakeFirstOrThrow();
    expect(row.count).toBe(5);

    // Five comments a minute, whichever server takes them: the sixth is refused.
    const article = await makeArticle(db);
    const path = `/articles/${article.slug}`;
    const poster = await trusted();
    const posterCookie = await cookieFor(poster);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await post(i % 2 ? b : a, path, { intent: "comment", body: `Flood check number ${i}` }, { Cookie: posterCookie });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([302, 302, 302, 302, 302]);
    expect(statuses[5]).toBe(429);
    const stored = await db.selectFrom("comment").select("id").where("author_id", "=", poster.id).execute();
    expect(stored).toHaveLength(5);
  });

  it("puts a comment held on one server in the queue the other shows, and a decision on either reaches both", async () => {
    const article = await makeArticle(db, { headline: "School roof repairs" });
    const path = `/articles/${article.slug}`;
    const newcomer = await makeUser(db); // a new account's first comment is held
    expect((await post(a, path, { intent: "comment", body: "A first comment, held for review" }, { Cookie: await cookieFor(newcomer) })).status).toBe(302);
    const held = await db.selectFrom("comment").select(["id", "status"]).where("author_id", "=", newcomer.id).executeTakeFirstOrThrow();
    expect(held.status).toBe("pending");

    const moderator = await makeUser(db, { role: "moderator" });
    const moderatorCookie = await cookieFor(moderator);
    expect(await (await request(b, "/moderation?tab=held", { headers: { Cookie: moderatorCookie } })).text()).toContain("A first comment, held for review");
    expect(await (await request(a, path)).text()).not.toContain("A first comment, held for review");
    const decided = await post(b, "/moderation", { intent: "approve", commentId: String(held.id) }, { Cookie: moderatorCookie });
    expect(decided.status).toBeLessThan(400);
    expect((await db.selectFrom("comment").select("status").where("id", "=", held.id).executeTakeFirstOrThrow()).status).toBe("visible");
    const startedAt = Date.now();
    let shown = false;
    while (!shown && Date.now() - startedAt < 1_000) shown = (await (await request(a, path)).text()).includes("A first comment, held for review");
    expect(shown).toBe(true);
  });

  it("goes on serving and taking comments on one server when the other stops", async () => {
    const article = await makeArticle(db, { headline: "Harbour wall survey" });
    const path = `/articles/${article.slug}`;
    await stopServer(a);
    const author = await trusted();
    expect((await request(b, path)).status).toBe(200);
    expect((await post(b, path, { intent: "comment", body: "Still here on server B" }, { Cookie: await cookieFor(author) })).status).toBe(302);
    expect(await (await request(b, path)).text()).toContain("Still here on server B");
    expect(b.child.exitCode).toBeNull();
  });
});
