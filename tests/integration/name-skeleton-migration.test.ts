import { describe, expect, it } from "vitest";
import { createDatabase, isUniqueViolation } from "../../db/database";
import { migrateToLatest, migrations } from "../../db/migrate";
import { lookAlikeText, nameSkeleton } from "../../app/utils/confusables";
import { findNameClash } from "../../app/models/account/names.server";
import { displayNameKey } from "../../app/models/user.server";
import { createTestDatabaseUrl, testDialect } from "../support/test-db";

describe(`migration 0010-name-skeletons (${testDialect()})`, () => {
  it("gives existing accounts their skeletons; of two that already look alike the older keeps the look", async () => {
    const fresh = await createTestDatabaseUrl({ migrated: false });
    const db = createDatabase(fresh.databaseUrl);
    await migrateToLatest(db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "0010")));
    const at = "2026-01-01T09:00:00.000Z";
    for (const [name, key] of [
      ["Sam Okonedo", "sam okonedo"],
      ["Sam Ok\u043enedo", "sam ok\u043enedo"],
      ["Morven Sinclair", "morven sinclair"],
    ]) {
      await db
        .insertInto("user")
        .values({ email: null, display_name: name, display_name_key: key, password_hash: null, role: "resident", status: "active", trusted: 0, notify_replies_by_email: 0, bio: "", created_at: at, updated_at: at } as never)
        .execute();
    }
    await migrateToLatest(db);
    const rows = await db.selectFrom("user").select(["id", "display_name", "name_skeleton"]).orderBy("id").execute();
    expect(rows.map((r) => r.name_skeleton)).toEqual([nameSkeleton("Sam Okonedo"), `${nameSkeleton("Sam Okonedo")}#${rows[1]!.id}`, nameSkeleton("Morven Sinclair")]);
    await db.destroy();
    await fresh.drop();
  });
});

describe(`migration 0014-name-skeletons-without-punctuation (${testDialect()})`, () => {
  it("recomputes skeletons without spacing or punctuation; older accounts keep theirs and later look-alikes keep their names", async () => {
    const fresh = await createTestDatabaseUrl({ migrated: false });
    const db = createDatabase(fresh.databaseUrl);
    try {
      await migrateToLatest(db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "0014")));
      const at = "2026-01-01T09:00:00.000Z";
      const ids: Record<string, number> = {};
      // Skeletons as they were stored before: spaces and punctuation kept, an older look-alike with "#<id>".
      for (const name of ["Sam Okonedo", "SamOkonedo", "Sam_Okonedo", "Sam Ok\u043enedo", "Morven Sinclair", "Isla Gunn"]) {
        const earlier = Object.values(ids).length;
        const row = await db
          .insertInto("user")
          .values({
            email: null,
            display_name: name,
            display_name_key: displayNameKey(name),
            name_skeleton: `pending-${earlier}`,
            password_hash: null,
            role: earlier === 0 ? "admin" : "resident",
            status: "active",
            trusted: 0,
            notify_replies_by_email: 0,
            terms_version: null,
            terms_accepted_at: null,
            bio: "",
            created_at: at,
            updated_at: at,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        ids[name] = row.id;
        const old = lookAlikeText(name);
        const clash = name === "Sam Ok\u043enedo";
        await db.updateTable("user").set({ name_skeleton: clash ? `${old}#${row.id}` : old }).where("id", "=", row.id).execute();
      }

      await migrateToLatest(db);

      const rows = await db.selectFrom("user").select(["id", "display_name", "name_skeleton"]).orderBy("id").execute();
      const sam = nameSkeleton("Sam Okonedo");
      expect(sam).not.toBe(lookAlikeText("Sam Okonedo"));
      expect(Object.fromEntries(rows.map((r) => [r.display_name, r.name_skeleton]))).toEqual({
        "Sam Okonedo": sam,
        SamOkonedo: `${sam}#${ids.SamOkonedo}`,
        Sam_Okonedo: `${sam}#${ids.Sam_Okonedo}`,
        "Sam Ok\u043enedo": `${sam}#${ids["Sam Ok\u043enedo"]}`,
        "Morven Sinclair": nameSkeleton("Morven Sinclair"),
        "Isla Gunn": nameSkeleton("Isla Gunn"),
      });
      // Nobody new may take the look of any of them, and the index is unique again.
      expect(await findNameClash(db, "Sam-Okonedo")).toBe("lookalike");
      expect(await findNameClash(db, "MorvenSinclair")).toBe("lookalike");
      const copy = db
        .updateTable("user")
        .set({ name_skeleton: nameSkeleton("Isla Gunn") })
        .where("id", "=", ids["Morven Sinclair"]!)
        .execute();
      await expect(copy).rejects.toSatisfy((error: unknown) => isUniqueViolation(error, "user", "name_skeleton"));
    } finally {
      await db.destroy();
      await fresh.drop();
    }
  });
});
