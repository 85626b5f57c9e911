import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCorrectionReport } from "../../app/models/article/correction.server";
import { NOT_IN_PERSONAL_DATA, PERSONAL_DATA_TABLES } from "../../app/models/account/personal-data.server";
import { EXPORTED_TABLES, LEFT_OUT_TABLES, exportJson } from "../../app/models/import/json-export.server";
import { makeArticle, makeUser } from "../factories";
import { testDialect } from "../support/test-db";
import { startTestServer, type TestServer } from "../support/test-server";

// Personal data complete (issue 28, part 11): every table holding a person's data is in the download or
// named with the reason it is not, in the code and in docs/export-format.md, for the live schema.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** The live database's tables; SQLite's FTS5 keeps article_search's index in article_search_* tables of its own. */
async function liveTables(): Promise<string[]> {
  const rows =
    testDialect() === "postgres"
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(server.db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(server.db);
  const names = rows.rows.map((row) => row.name.replace(/^article_search_(data|idx|content|docsize|config)$/, "article_search"));
  return [...new Set(names)].sort();
}

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}`);
  expect(start, `docs/export-format.md has a section "${heading}"`).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf("\n## ", start + 3);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe(`every table is accounted for (${testDialect()})`, () => {
  it("the JSON export writes each table of the live schema or names it, with a reason, in its manifest and in docs/export-format.md", async () => {
    const tables = await liveTables();
    const written = Object.keys(EXPORTED_TABLES);
    const leftOut = Object.keys(LEFT_OUT_TABLES);
    expect(written.filter((table) => leftOut.includes(table))).toEqual([]);
    expect([...written, ...leftOut].sort()).toEqual(tables);

    const files = new Map<string, string>();
    await exportJson(server.db, {
      open(name) {
        files.set(name, "");
        return { write: (line: string) => void files.set(name, files.get(name)! + line), close: async () => undefined };
      },
    });
    const manifest = JSON.parse(files.get("manifest.json")!) as { files: Record<string, { table: string }>; leftOut: { tables: string[]; reasons: Record<string, string> } };
    expect(manifest.leftOut.tables).toEqual(expect.arrayContaining(["sign_in_address", "comment_event", "content_version", "article_search"]));
    expect([...Object.values(manifest.files).map((f) => f.table), ...manifest.leftOut.tables].sort()).toEqual(tables);
    for (const table of manifest.leftOut.tables) expect(manifest.leftOut.reasons[table], table).toMatch(/\w{4}/);

    const documented = section(readFileSync("docs/export-format.md", "utf8"), "Left out on purpose");
    for (const table of leftOut) expect(documented, table).toContain(`\`${table}\``);
  });

  it("Download your data reads each table of the live schema that holds a person's data, and docs/export-format.md says why of every other", async () => {
    const tables = await liveTables();
    const inDownload = Object.keys(PERSONAL_DATA_TABLES);
    const notInDownload: readonly string[] = NOT_IN_PERSONAL_DATA;
    expect(inDownload.filter((table) => notInDownload.includes(table))).toEqual([]);
    expect([...inDownload, ...notInDownload].sort()).toEqual(tables);
    const documented = section(readFileSync("docs/export-format.md", "utf8"), "Download your data");
    for (const table of [...inDownload, ...notInDownload]) expect(documented, table).toContain(`\`${table}\``);
  });
});

describe(`Download your data (${testDialect()})`, () => {
  it("holds the resident's own \"Report an error\" messages and when their known networks were used, and no one else's reports", async () => {
    const me = await makeUser(server.db, { displayName: "Eilidh Munro" });
    const other = await makeUser(server.db);
    const article = await makeArticle(server.db, { headline: "Pier lights out again" });
    await createCorrectionReport(server.db, { articleId: article.id, body: "The pier has six lights, not four.", email: "", reporterId: me.id, rateKey: `user:${me.id}` });
    await createCorrectionReport(server.db, { articleId: article.id, body: "Someone else's correction.", email: "", reporterId: other.id, rateKey: `user:${other.id}` });
    // Sent signed out with her address typed in: anyone could have typed it.
    await createCorrectionReport(server.db, { articleId: article.id, body: "Typed with her address by anyone.", email: me.email!, reporterId: null, rateKey: "ip:test" });
    const at = new Date().toISOString();
    await server.db.insertInto("sign_in_address").values({ user_id: me.id, address_hash: "a".repeat(64), first_at: at, last_at: at }).execute();

    const response = await server.request("/settings/data.json", { as: me });
    expect(response.status).toBe(200);
    const text = await response.text();
    const data = JSON.parse(text) as Record<string, unknown>;
    expect(data.correctionReports).toEqual([
      expect.objectContaining({ body: "The pier has six lights, not four.", story: { headline: "Pier lights out again", path: `/articles/${article.slug}` } }),
    ]);
    expect(data.signInAddresses).toEqual([{ first_at: at, last_at: at }]);
    expect(text).not.toContain("Someone else's correction.");
    expect(text).not.toContain("Typed with her address by anyone.");
    expect(text).not.toContain("a".repeat(64));
    // Every part the model says it reads is in the download.
    for (const part of Object.values(PERSONAL_DATA_TABLES)) expect(data, part).toHaveProperty(part);
  });
});
