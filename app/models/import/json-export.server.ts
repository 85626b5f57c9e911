import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * `npm run export -- json DIR`: the whole site as one JSON Lines file per table (one row a line, the
 * columns as in db/schema.ts) plus manifest.json. docs/export-format.md describes every file. Rows are
 * read in key order, a batch at a time, so memory stays flat however large the site.
 *
 * Left out on purpose: sessions, emailed-link tokens and throttle counters (secrets or short-lived
 * state that mean nothing elsewhere) and password hashes (residents set a new password on the next
 * site, through its own reset).
 */
export const EXPORTED_TABLES = {
  user: ["id"],
  category: ["id"],
  article: ["id"],
  article_category: ["article_id", "category_id"],
  article_version: ["id"],
  article_slug_redirect: ["old_slug"],
  article_correction: ["id"],
  correction_report: ["id"],
  comment: ["id"],
  comment_like: ["comment_id", "user_id"],
  comment_report: ["id"],
  moderation_action: ["id"],
  user_sanction: ["id"],
  appeal: ["id"],
  user_note: ["id"],
  notification: ["id"],
  terms_rule: ["id"],
  setting: ["key"],
  import_link: ["source", "kind", "external_id"],
  legacy_address: ["address"],
} as const satisfies Partial<Record<keyof Database, readonly string[]>>;

/**
 * What is not written, with why (docs/export-format.md, "Left out on purpose", says the same at length).
 * With EXPORTED_TABLES this names every table of the schema; a test walks the live schema to hold it so.
 */
export const LEFT_OUT_TABLES = {
  session: "secrets: a session token signs its holder in",
  account_token: "secrets: an emailed link signs its holder in or changes an account",
  throttle: "short-lived counters of tries by address and account, meaningless elsewhere",
  sign_in_address: "hashes of (account, network) that let an owner in during a lock-out; personal, and only a lookup key",
  comment_event: "the live-update log, rebuilt from comment.jsonl's rows",
  moderation_claim: "which moderator had which comment open in the last minutes; meaningless later or elsewhere",
  content_version: "page-cache counters, meaningless elsewhere",
  moderation_alert: "alerts raised for the moderators here (queue size, heat, hides, appeals): passing news, meaningless elsewhere",
  alert_delivery: "how each alert went out (staff addresses, the webhook) and its attempts: this site's plumbing",
  article_image: "story images as binary data (their Markdown in the stories names /media/images/<id>); a full copy is npm run backup",
  article_search: "the search index, rebuilt from article.jsonl (on SQLite also its FTS5 tables article_search_*)",
  kysely_migration: "migration bookkeeping: the manifest's schema names the last migration",
  kysely_migration_lock: "migration bookkeeping",
} as const;

/** Rows of the settings table that are secrets (the alerts webhook's signing key): never written. */
const SECRET_SETTINGS = ["alert_webhook_secret"];

export const LEFT_OUT = {
  tables: Object.keys(LEFT_OUT_TABLES),
  reasons: LEFT_OUT_TABLES,
  columns: { user: ["password_hash"] },
  settings: SECRET_SETTINGS,
};

export interface JsonExportSink {
  /** Opens one file in the export folder and returns a writer for it. */
  open(name: string): { write(line: string): Promise<void> | void; close(): Promise<void> };
}

export async function exportJson(
  db: Kysely<Database>,
  sink: JsonExportSink,
  options: { batchSize?: number; exportedAt?: string } = {},
): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 1000;
  const counts: Record<string, number> = {};
  for (const [table, keys] of Object.entries(EXPORTED_TABLES)) {
    const file = sink.open(`${table}.jsonl`);
    let count = 0;
    for (let offset = 0; ; offset += batchSize) {
      let query = (db as unknown as Kysely<Record<string, Record<string, unknown>>>).selectFrom(table).selectAll();
      for (const key of keys) query = query.orderBy(key);
      const rows = await query.limit(batchSize).offset(offset).execute();
      for (const row of rows) {
        if (table === "setting" && SECRET_SETTINGS.includes(String(row.key))) continue;
        for (const column of LEFT_OUT.columns[table as keyof typeof LEFT_OUT.columns] ?? []) delete row[column];
        await file.write(`${JSON.stringify(row)}\n`);
      }
      count += rows.length;
      if (rows.length < batchSize) break;
    }
    await file.close();
    counts[table] = count;
  }
  const migrations = await db
    .withTables<{ kysely_migration: { name: string } }>()
    .selectFrom("kysely_migration")
    .select("name")
    .orderBy("name")
    .execute()
    .catch(() => []);
  const manifest = sink.open("manifest.json");
  await manifest.write(
    `${JSON.stringify(
      {
        format: "parley-json-export",
        version: 1,
        exportedAt: options.exportedAt ?? new Date().toISOString(),
        schema: migrations.at(-1)?.name ?? null,
        files: Object.fromEntries(Object.entries(counts).map(([table, rows]) => [`${table}.jsonl`, { table, rows }])),
        leftOut: LEFT_OUT,
        documentation: "docs/export-format.md in Parley's repository",
      },
      null,
      2,
    )}\n`,
  );
  await manifest.close();
  return counts;
}
