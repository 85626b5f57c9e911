import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/database";
import { migrateToLatest, migrations } from "../../db/migrate";
import { nameSkeleton } from "../../app/utils/confusables";

const dir = mkdtempSync(join(tmpdir(), "parley-name-skeleton-migration-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("migration 0010-name-skeletons", () => {
  it("gives existing accounts their skeletons; of two that already look alike the older keeps the look", async () => {
    const db = createDatabase(join(dir, "existing.db"));
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
  });
});
