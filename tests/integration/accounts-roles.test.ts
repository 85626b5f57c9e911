import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { pageText, useFreshOutbox } from "./accounts-support";

let app: TestServer;
beforeAll(async () => {
  useFreshOutbox();
  app = await startTestServer();
});
afterAll(async () => {
  await app?.close();
});

const roleOf = async (id: number) =>
  (await app.db.selectFrom("user").select("role").where("id", "=", id).executeTakeFirstOrThrow()).role;

describe("who may manage people", () => {
  it("sends an anonymous visitor to sign in and back", async () => {
    const response = await app.request("/admin/users?q=ann");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent("/admin/users?q=ann")}`);
  });

  it("shows residents, editors and moderators a 403 page, not a crash", async () => {
    for (const role of ["resident", "editor", "moderator"] as const) {
      const user = await makeUser(app.db, { role });
      const response = await app.request("/admin/users", { as: user });
      expect(response.status, role).toBe(403);
      const html = await pageText(response);
      expect(html).toContain("You cannot do that");
      expect(html).toContain("Your account does not have permission to do that.");
    }
  });

  it("refuses a role change posted by someone who is not an admin, changing nothing", async () => {
    const editor = await makeUser(app.db, { role: "editor" });
    const target = await makeUser(app.db);
    const response = await app.post("/admin/users", { userId: String(target.id), role: "admin" }, { as: editor });
    expect(response.status).toBe(403);
    expect(await roleOf(target.id)).toBe("resident");
    const anonymous = await app.post("/admin/users", { userId: String(target.id), role: "admin" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("the people page", () => {
  it("lists people with status, confirmation and join date, and a labelled role control per row", async () => {
    const admin = await makeUser(app.db, { role: "admin" });
    const person = await makeUser(app.db, { displayName: "Listed Lachlan", emailVerified: false });
    const html = await pageText(await app.request(`/admin/users?q=${encodeURIComponent("Listed Lachlan")}`, { as: admin }));
    expect(html).toContain("<h1>People and roles</h1>");
    expect(html).toContain('<label for="q">Search by name or email</label>');
    expect(html).toContain("Listed Lachlan");
    expect(html).toContain(person.email);
    expect(html).toContain("not confirmed");
    expect(html).toContain("Active");
    expect(html).toMatch(new RegExp(`<label for="role-${person.id}" class="visually-hidden">Role of Listed Lachlan</label>`));
    expect(html).toContain("Change role");
  });

  it("searches by name (any case, accents ignored) or email, treating % and _ as plain characters", async () => {
    const admin = await makeUser(app.db, { role: "admin" });
    await makeUser(app.db, { displayName: "Mòrag Searchable", email: "morag.search@parley.example" });
    await makeUser(app.db, { displayName: "Someone Else Entirely" });
    for (const q of ["morag sEARCH", "MORAG.SEARCH@", "Mòrag"]) {
      const html = await pageText(await app.request(`/admin/users?q=${encodeURIComponent(q)}`, { as: admin }));
      expect(html, q).toContain("Mòrag Searchable");
      expect(html, q).not.toContain("Someone Else Entirely");
    }
    const wildcard = await pageText(await app.request(`/admin/users?q=${encodeURIComponent("%")}`, { as: admin }));
    expect(wildcard).toContain("No one matches");
  });

  it("pages 25 at a time with next and previous links", async () => {
    const admin = await makeUser(app.db, { role: "admin" });
    for (let i = 0; i < 30; i++) await makeUser(app.db, { displayName: `Paged Person ${String(i).padStart(2, "0")}` });
    const first = await pageText(await app.request("/admin/users?q=paged", { as: admin }));
    expect(first.match(/<tr><th scope="row">/g)).toHaveLength(25);
    expect(first).toMatch(/<a rel="next"[^>]*href="\/admin\/users\?q=paged&page=2"/);
    expect(first).not.toContain('rel="prev"');
    const second = await pageText(await app.request("/admin/users?q=paged&page=2", { as: admin }));
    expect(second.match(/<tr><th scope="row">/g)).toHaveLength(5);
    expect(second).toMatch(/<a rel="prev"[^>]*href="\/admin\/users\?q=paged"/);
    expect(second).not.toContain('rel="next"');
  });
});

describe("changing roles", () => {
  it("lets an admin make a resident an editor, recorded in the audit log", async () => {
    const admin = await makeUser(app.db, { role: "admin" });
    const person = await makeUser(app.db, { displayName: "Promoted Peigi" });
    const response = await app.post("/admin/users", { userId: String(person.id), role: "editor" }, { as: admin });
    expect(response.status).toBe(200);
    expect(await pageText(response)).toContain("Promoted Peigi is now an editor.");
    expect(await roleOf(person.id)).toBe("editor");
    const audit = await app.db
      .selectFrom("moderation_action")
      .selectAll()
      .where("user_id", "=", person.id)
      .where("action", "=", "change_role")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ moderator_id: admin.id, note: "resident -> editor" });
    // the new editor reaches the newsroom's permission at once
    const editorHome = await pageText(await app.request("/", { as: person }));
    expect(editorHome).toContain('href="/editor"');
  });

  it("does not let an admin remove their own admin role", async () => {
    const admin = await makeUser(app.db, { role: "admin" });
    const response = await app.post("/admin/users", { userId: String(admin.id), role: "resident" }, { as: admin });
    expect(response.status).toBe(400);
    const html = await pageText(response);
    expect(html).toContain("You cannot remove your own admin role. Ask another admin to do it.");
    expect(html).toMatch(new RegExp(`id="role-${admin.id}"[^>]*aria-invalid="true"`));
    expect(await roleOf(admin.id)).toBe("admin");
  });

  it("refuses a role that does not exist and an account that does not, without a crash", async () => {
    const admin = await makeUser(app.db, { role: "admin" });
    const person = await makeUser(app.db);
    const bogus = await app.post("/admin/users", { userId: String(person.id), role: "overlord" }, { as: admin });
    expect(bogus.status).toBe(400);
    expect(await pageText(bogus)).toContain("Choose a role from the list.");
    expect(await roleOf(person.id)).toBe("resident");
    const missing = await app.post("/admin/users", { userId: "999999", role: "editor" }, { as: admin });
    expect(missing.status).toBe(404);
    expect(await pageText(missing)).toContain("That account no longer exists.");
  });
});
