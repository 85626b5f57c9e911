import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { renderArticleMarkdown } from "../utils/markdown.server";
import { DEFAULT_SETTINGS, type SiteSettings } from "../utils/site-defaults";
import { nowIso } from "../utils/time";

export type { SiteSettings };

const KEYS: Record<keyof SiteSettings, string> = { siteName: "site_name", tagline: "site_tagline" };

export async function getSiteSettings(db: Kysely<Database>): Promise<SiteSettings> {
  const rows = await db
    .selectFrom("setting")
    .select(["key", "value"])
    .where("key", "in", Object.values(KEYS))
    .execute();
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  const settings = { ...DEFAULT_SETTINGS };
  for (const [field, key] of Object.entries(KEYS) as [keyof SiteSettings, string][]) {
    const raw = stored.get(key);
    if (raw !== undefined) {
      const value: unknown = JSON.parse(raw);
      if (typeof value === "string") settings[field] = value;
    }
  }
  return settings;
}

export async function setSiteSettings(db: Kysely<Database>, changes: Partial<SiteSettings>): Promise<void> {
  const at = nowIso();
  for (const [field, value] of Object.entries(changes) as [keyof SiteSettings, string][]) {
    await db
      .insertInto("setting")
      .values({ key: KEYS[field], value: JSON.stringify(value), updated_at: at })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
      .execute();
  }
}

/** Pages kept as Markdown in settings ("about", "terms_intro"): the source and its rendered HTML. */
export type PageKey = "about" | "terms_intro";

export interface PageContent {
  source: string;
  html: string;
}

export async function getPageContent(db: Kysely<Database>, page: PageKey): Promise<PageContent | undefined> {
  const row = await db.selectFrom("setting").select("value").where("key", "=", `page:${page}`).executeTakeFirst();
  if (!row) return undefined;
  const value = JSON.parse(row.value) as Partial<PageContent>;
  return { source: value.source ?? "", html: value.html ?? "" };
}

export async function setPageContent(db: Kysely<Database>, page: PageKey, source: string): Promise<void> {
  const value = JSON.stringify({ source, html: renderArticleMarkdown(source) });
  const at = nowIso();
  await db
    .insertInto("setting")
    .values({ key: `page:${page}`, value, updated_at: at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: at }))
    .execute();
}
