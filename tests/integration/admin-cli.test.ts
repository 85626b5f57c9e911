import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/database";
import { verifyPassword } from "../../app/auth/password.server";
import { createTestDatabaseUrl, testDialect, type EmptyTestDatabase } from "../support/test-db";

const run = promisify(execFile);
// A database of the test dialect that only the CLI has opened (on SQLite it migrates the new file).
let database: EmptyTestDatabase;
let databaseUrl: string;
beforeAll(async () => {
  database = await createTestDatabaseUrl();
  databaseUrl = database.databaseUrl;
});
afterAll(() => database.drop());

async function admin(...args: string[]) {
  const tsx = resolve("node_modules/.bin/tsx");
  try {
    const { stdout, stderr } = await run(tsx, ["db/admin-cli.ts", ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each call starts the CLI afresh (tsx compiling it): a few seconds each on a busy 2-core machine.
describe(`npm run admin (${testDialect()})`, { timeout: 120_000 }, () => {
  it("creates an account with an argon2id password hash and a verified email", async () => {
    const result = await admin(
      "user:create",
      "--email",
      "Editor.Two@Skerrin.example",
      "--password",
      "tide-tables-2026",
      "--name",
      "Fenella Quayle",
      "--role",
      "editor",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Created editor Fenella Quayle <editor.two@skerrin.example>/);
    const db = createDatabase(databaseUrl);
    const user = await db.selectFrom("user").selectAll().where("email", "=", "editor.two@skerrin.example").executeTakeFirstOrThrow();
    await db.destroy();
    expect(user.role).toBe("editor");
    expect(user.email_verified_at).not.toBeNull();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.password_hash!, "tide-tables-2026")).toBe(true);
    expect(await verifyPassword(user.password_hash!, "wrong-password")).toBe(false);
  });

  it("changes a role", async () => {
    await admin("user:create", "--email", "m@skerrin.example", "--password", "tide-tables-2026", "--name", "Morag Lind", "--role", "resident");
    const result = await admin("user:role", "--email", "M@skerrin.example", "--role", "moderator");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/is now moderator/);
  });

  it("answers bad arguments with a usage message and a non-zero exit, never a stack trace", async () => {
    for (const args of [
      [],
      ["user:explode"],
      ["user:create", "--email", "not-an-email", "--password", "x", "--name", "N", "--role", "king"],
      ["user:role", "--email", "nobody@skerrin.example", "--role", "admin"],
      ["user:role", "--bogus"],
    ]) {
      const result = await admin(...args);
      expect(result.code, args.join(" ")).not.toBe(0);
      expect(result.stderr).toMatch(/Usage:/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("refuses a second account with the same email", async () => {
    const args = ["user:create", "--email", "dup@skerrin.example", "--password", "tide-tables-2026", "--role", "resident"];
    expect((await admin(...args, "--name", "First Person")).code).toBe(0);
    const second = await admin(...args, "--name", "Second Person");
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(/already an account/);
  });
});
