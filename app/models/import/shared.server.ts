import { lockForTransaction } from "../../../db/database";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { numberedSlug, slugify } from "../../utils/slug";
import { nowIso } from "../../utils/time";

/** What importers share: the import_link lookups, categories by name, plain text from HTML. */

export async function findImportLink(db: Kysely<Database>, source: string, kind: string, externalId: string): Promise<number | null> {
  const row = await db
    .selectFrom("import_link")
    .select("local_id")
    .where("source", "=", source)
    .where("kind", "=", kind)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
  return row?.local_id ?? null;
}

export async function linkImported(
  db: Kysely<Database>,
  input: { source: string; kind: string; externalId: string; localId: number },
): Promise<void> {
  await db
    .insertInto("import_link")
    .values({ source: input.source, kind: input.kind, external_id: input.externalId, local_id: input.localId, created_at: nowIso() })
    .onConflict((oc) => oc.columns(["source", "kind", "external_id"]).doNothing())
    .execute();
}

/** Thrown inside a transaction when another import run linked the same record first: the work is undone. */
export class AlreadyImportedError extends Error {
  constructor(readonly localId: number) {
    super("Another import run brought this record in first.");
  }
}

/**
 * Links a record to what it became, inside the transaction that made it. When another run has linked
 * the same record meanwhile, throws AlreadyImportedError so the whole transaction is rolled back and
 * the record is only ever imported once, however many runs go at once.
 */
export async function claimImportLink(
  trx: Kysely<Database>,
  input: { source: string; kind: string; externalId: string; localId: number },
): Promise<void> {
  const inserted = await trx
    .insertInto("import_link")
    .values({ source: input.source, kind: input.kind, external_id: input.externalId, local_id: input.localId, created_at: nowIso() })
    .onConflict((oc) => oc.columns(["source", "kind", "external_id"]).doNothing())
    .returning("local_id")
    .executeTakeFirst();
  if (inserted) return;
  const existing = await findImportLink(trx, input.source, input.kind, input.externalId);
  throw new AlreadyImportedError(existing ?? input.localId);
}

/**
 * Runs one record's writes inside a savepoint of the transaction `trx`: when they fail, only they are
 * undone (the records before and after it in the same transaction stay), and the error is handed back
 * so the record is reported bad with its own line and reason.
 */
export async function inSavepoint<T>(trx: Kysely<Database>, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  await sql`savepoint import_record`.execute(trx);
  try {
    const value = await work();
    await sql`release savepoint import_record`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    await sql`rollback to savepoint import_record`.execute(trx);
    await sql`release savepoint import_record`.execute(trx);
    return { ok: false, error };
  }
}

/** A record's failure as the log and the summary give it. */
export function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim() || "the database refused it";
}

/** A category by name or slug, made when there is none (tags become categories too). */
export async function findOrCreateCategory(
  db: Kysely<Database>,
  input: { name: string; slug: string },
): Promise<{ id: number; created: boolean }> {
  // Under the lock new categories are made with everywhere: two imports meeting one tag make one category.
  return db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, "category");
    return findOrCreateCategoryLocked(trx, input);
  });
}

async function findOrCreateCategoryLocked(db: Kysely<Database>, input: { name: string; slug: string }): Promise<{ id: number; created: boolean }> {
  const name = plainText(input.name).slice(0, 80);
  const base = slugify(input.slug) || slugify(name) || "category";
  const existing = await db
    .selectFrom("category")
    .select("id")
    .where((eb) => eb.or([eb("slug", "=", base), eb(eb.fn("lower", ["name"]), "=", name.toLowerCase())]))
    .executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  let slug = base;
  for (let n = 2; await db.selectFrom("category").select("id").where("slug", "=", slug).executeTakeFirst(); n++) slug = numberedSlug(base, n);
  const last = await db.selectFrom("category").select((eb) => eb.fn.max("position").as("position")).executeTakeFirst();
  const created = await db
    .insertInto("category")
    .values({ slug, name, description: "", position: Number(last?.position ?? 0) + 1 })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: created.id, created: true };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'", "#8217": "’", "#8216": "‘", "#8220": "“", "#8221": "”", "#8211": "–", "#8212": "—", "#038": "&" };

/** Text for fields Parley keeps as plain text (headlines, summaries, names): tags out, entities in. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#?\w+);/g, (m, name: string) => ENTITIES[name.toLowerCase()] ?? (name.startsWith("#") ? safeCodePoint(name) : m))
    .replace(/\s+/g, " ")
    .trim();
}

function safeCodePoint(name: string): string {
  const n = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
  return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : "";
}
