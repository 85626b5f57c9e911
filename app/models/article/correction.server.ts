import type { Kysely } from "kysely";
import { lockForTransaction } from "../../../db/database";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";
import { DELETED_USER_NAME } from "../user.server";

/**
 * Corrections: what readers send with "Report an error" (a correction or a tip, for the newsroom, not
 * for the moderators), and the dated correction notes editors add at the foot of a story.
 */

export { CORRECTION_NOTE_MAX, REPORT_BODY_MAX } from "../../utils/newsroom-limits";
/** Reports per story, per reader (or per client address when signed out), per hour. */
export const REPORTS_PER_HOUR = 5;

export type ReportOutcome = { ok: true; id: number } | { ok: false; reason: "rate_limited" };

export async function createCorrectionReport(
  db: Kysely<Database>,
  input: { articleId: number; body: string; email: string; reporterId: number | null; rateKey: string; now?: string },
): Promise<ReportOutcome> {
  const now = input.now ?? nowIso();
  const hourAgo = new Date(Date.parse(now) - 3_600_000).toISOString();
  return db.transaction().execute(async (trx) => {
    // Reports sent together by one sender about one story are counted one at a time.
    await lockForTransaction(trx, `correction-report:${input.articleId}:${input.rateKey}`);
    const recent = await trx
      .selectFrom("correction_report")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("article_id", "=", input.articleId)
      .where("rate_key", "=", input.rateKey)
      .where("created_at", ">", hourAgo)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= REPORTS_PER_HOUR) return { ok: false, reason: "rate_limited" } as const;
    const row = await trx
      .insertInto("correction_report")
      .values({
        article_id: input.articleId,
        body: input.body,
        email: input.email,
        reporter_id: input.reporterId,
        rate_key: input.rateKey,
        created_at: now,
        handled_at: null,
        handled_by: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true, id: row.id } as const;
  });
}

export interface CorrectionReportView {
  id: number;
  body: string;
  email: string;
  reporterId: number | null;
  reporterName: string | null;
  createdAt: string;
  handledAt: string | null;
  handledByName: string | null;
  article: { id: number; slug: string; headline: string };
}

export const REPORTS_PER_PAGE = 30;

export async function listCorrectionReports(
  db: Kysely<Database>,
  options: { handled: boolean; page?: number; perPage?: number },
): Promise<{ reports: CorrectionReportView[]; page: number; hasNextPage: boolean }> {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const perPage = options.perPage ?? REPORTS_PER_PAGE;
  const rows = await db
    .selectFrom("correction_report")
    .innerJoin("article", "article.id", "correction_report.article_id")
    .leftJoin("user as reporter", "reporter.id", "correction_report.reporter_id")
    .leftJoin("user as handler", "handler.id", "correction_report.handled_by")
    .select([
      "correction_report.id",
      "correction_report.body",
      "correction_report.email",
      "correction_report.reporter_id",
      "correction_report.created_at",
      "correction_report.handled_at",
      "reporter.display_name as reporter_name",
      "reporter.status as reporter_status",
      "handler.display_name as handler_name",
      "article.id as article_id",
      "article.slug as article_slug",
      "article.headline as article_headline",
    ])
    .where("correction_report.handled_at", options.handled ? "is not" : "is", null)
    .orderBy(options.handled ? "correction_report.handled_at" : "correction_report.created_at", options.handled ? "desc" : "asc")
    .orderBy("correction_report.id", "desc")
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .execute();
  return {
    page,
    hasNextPage: rows.length > perPage,
    reports: rows.slice(0, perPage).map((row) => ({
      id: row.id,
      body: row.body,
      email: row.email,
      reporterId: row.reporter_status === "deleted" ? null : row.reporter_id,
      reporterName: row.reporter_id === null ? null : row.reporter_status === "deleted" ? DELETED_USER_NAME : row.reporter_name,
      createdAt: row.created_at,
      handledAt: row.handled_at,
      handledByName: row.handler_name,
      article: { id: row.article_id, slug: row.article_slug, headline: row.article_headline },
    })),
  };
}

export async function countOpenCorrectionReports(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("correction_report")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("handled_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks a report handled (or open again). Returns false when there is no such report. */
export async function setCorrectionReportHandled(
  db: Kysely<Database>,
  input: { id: number; handled: boolean; by: number; now?: string },
): Promise<boolean> {
  const result = await db
    .updateTable("correction_report")
    .set(
      input.handled
        ? { handled_at: input.now ?? nowIso(), handled_by: input.by }
        : { handled_at: null, handled_by: null },
    )
    .where("id", "=", input.id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface CorrectionNote {
  id: number;
  body: string;
  createdAt: string;
}

export async function addArticleCorrection(
  db: Kysely<Database>,
  input: { articleId: number; body: string; by: number; now?: string },
): Promise<CorrectionNote> {
  const row = await db
    .insertInto("article_correction")
    .values({ article_id: input.articleId, body: input.body.trim(), created_by: input.by, created_at: input.now ?? nowIso() })
    .returning(["id", "body", "created_at"])
    .executeTakeFirstOrThrow();
  return { id: row.id, body: row.body, createdAt: row.created_at };
}

/** A story's correction notes, oldest first, as they read at the foot of the story. */
export async function listArticleCorrections(db: Kysely<Database>, articleId: number): Promise<CorrectionNote[]> {
  const rows = await db
    .selectFrom("article_correction")
    .select(["id", "body", "created_at"])
    .where("article_id", "=", articleId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({ id: row.id, body: row.body, createdAt: row.created_at }));
}
