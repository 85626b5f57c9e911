import type { Kysely } from "kysely";
import type { Database, ReportReason } from "../../db/schema";
import { replaceTermsRules } from "../../app/models/terms.server";
import { makeResident } from "../factories";

/** Helpers shared by the moderation integration tests. */

export const TEST_RULES = [
  { number: 1, title: "Be civil", body: "Treat each other as neighbours." },
  { number: 2, title: "No hate", body: "No attacks on who people are." },
  { number: 3, title: "No personal attacks", body: "Criticise what people did, not who they are." },
];

export async function useTestRules(db: Kysely<Database>) {
  await replaceTermsRules(db, TEST_RULES);
}

export async function report(db: Kysely<Database>, commentId: number, reason: ReportReason = "abuse", note = "") {
  const reporter = await makeResident(db);
  await db
    .insertInto("comment_report")
    .values({ comment_id: commentId, reporter_id: reporter.id, reason, note, created_at: new Date().toISOString(), resolved_at: null })
    .execute();
  return reporter;
}

export async function commentStatus(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom("comment").select(["status", "rule_number", "moderation_note"]).where("id", "=", id).executeTakeFirstOrThrow();
  return row;
}

export async function logRows(db: Kysely<Database>, where: { commentId?: number; userId?: number; articleId?: number; action?: string } = {}) {
  let query = db.selectFrom("moderation_action").selectAll().orderBy("id");
  if (where.commentId !== undefined) query = query.where("comment_id", "=", where.commentId);
  if (where.userId !== undefined) query = query.where("user_id", "=", where.userId);
  if (where.articleId !== undefined) query = query.where("article_id", "=", where.articleId);
  if (where.action !== undefined) query = query.where("action", "=", where.action);
  return query.execute();
}

/** A page's HTML without the empty comments React puts between adjacent text pieces. */
export async function html(response: Response): Promise<string> {
  return (await response.text()).replaceAll("<!-- -->", "");
}
