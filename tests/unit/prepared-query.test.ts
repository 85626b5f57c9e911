import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { preparedQuery } from "../../db/prepared-query";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let databases: TestDatabase[];
let first: Kysely<Database>;
let second: Kysely<Database>;
beforeAll(async () => {
  databases = await Promise.all([createTestDatabase(), createTestDatabase()]);
  [first, second] = databases.map((database) => database.db) as [Kysely<Database>, Kysely<Database>];
  const at = "2026-11-22T10:00:00.000Z";
  await first.insertInto("setting").values([
    { key: "a", value: "1", updated_at: at },
    { key: "b", value: "2", updated_at: at },
  ]).execute();
  await second.insertInto("setting").values({ key: "a", value: "one", updated_at: at }).execute();
});
afterAll(async () => {
  for (const database of databases) await database.close();
});

const settingsAfter = preparedQuery((db, values: { after: string; limit: number }) =>
  db.selectFrom("setting").select(["key", "value"]).where("key", ">", values.after).where("key", "!=", "zzz").orderBy("key").limit(values.limit),
);

describe("a prepared query", () => {
  it("runs with each call's values, keeping the values written into it", async () => {
    expect(await settingsAfter(first, { after: "", limit: 10 })).toEqual([
      { key: "a", value: "1" },
      { key: "b", value: "2" },
    ]);
    expect(await settingsAfter(first, { after: "a", limit: 10 })).toEqual([{ key: "b", value: "2" }]);
    expect(await settingsAfter(first, { after: "", limit: 1 })).toEqual([{ key: "a", value: "1" }]);
  });

  it("runs on any database and inside transactions", async () => {
    expect(await settingsAfter(second, { after: "", limit: 10 })).toEqual([{ key: "a", value: "one" }]);
    const inside = await first.transaction().execute((trx) => settingsAfter(trx, { after: "a", limit: 10 }));
    expect(inside).toEqual([{ key: "b", value: "2" }]);
  });

  it("refuses a builder that spreads its values, whose query could not be filled in", async () => {
    const spread = preparedQuery((db, values: { key: string; value: string; updated_at: string }) =>
      db.insertInto("setting").values({ ...values }),
    );
    await expect(spread(first, { key: "c", value: "3", updated_at: "2026-11-22T10:00:00.000Z" })).rejects.toThrow(
      /reads each value by its name/,
    );
  });
});
