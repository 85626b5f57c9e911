import type { Kysely } from "kysely";
import { lockForTransaction } from "../../../db/database";
import type { CommentStatus, Database } from "../../../db/schema";
import { saveArticle, type PublicationChange } from "../article/saving.server";
import { slugTakenBy, uniqueSlug } from "../article/address.server";
import { createCommentInTransaction } from "../comment/writing.server";
import { slugify } from "../../utils/slug";
import { nowIso } from "../../utils/time";
import { wordpressHtmlToMarkdown } from "./html-to-markdown";
import { findOrCreateImportedAccount, usableEmail, type ImportedPerson } from "./imported-account.server";
import { addLegacyAddresses, legacyPathOf } from "./legacy-address.server";
import { ImportRun, type ImportSummary } from "./import-run";
import { child, childrenNamed, readXmlRecords, textOf, WrongFormatError, type ReadProgress, type XmlNode, type XmlRoot } from "./xml-records";
import { AlreadyImportedError, claimImportLink, findImportLink, findOrCreateCategory, inSavepoint, linkImported, plainText, reasonOf } from "./shared.server";

/**
 * WordPress's export (WXR 1.1 and 1.2, Tools > Export) into Parley, one <item> at a time. A post
 * becomes a story through saveArticle, its comments go through createCommentInTransaction (the one
 * comment creation path: thread place, depth, counters) with their text through the one sanitiser.
 * Every record is looked up in import_link first, so a second run, or a newer export of the same site,
 * adds only what is new and changes nothing that is here.
 */

export interface ImportOptions {
  /** Appended to, under a header naming the run's time and `command`. */
  logPath?: string;
  /** How the run was started, for the log's header ("npm run import -- wordpress export.xml"). */
  command?: string;
  onProgress?: (progress: ReadProgress) => void;
  /**
   * Staff accounts' addresses the operator has said are the same people as the old site's users of
   * that address (`--match-staff`). Without it no old user is matched to a staff account.
   */
  matchStaff?: readonly string[];
}

export const HELD_REASON_IMPORTED = "Imported: it was waiting for approval on the old site";

interface Author {
  login: string;
  email: string;
  name: string;
}

/** "2013-03-26 10:04:00" (UTC) as Parley stores times; null for WordPress's empty "0000-00-00 00:00:00". */
export function wordpressTime(gmt: string, fallback = ""): string | null {
  for (const value of [gmt, fallback]) {
    const match = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)/.exec(value.trim());
    if (match && match[1] !== "0000") {
      const time = Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!);
      if (Number.isFinite(time)) return new Date(time).toISOString();
    }
  }
  const parsed = Date.parse(fallback);
  return Number.isFinite(parsed) ? new Date(parsed).toISOString() : null;
}

export async function importWordPress(db: Kysely<Database>, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const run = new ImportRun(options.logPath, options.command);
  const authors = new Map<string, Author>();
  const authorsById = new Map<string, Author>();
  const accountIds = new Map<string, number>();
  const matchStaff = new Set((options.matchStaff ?? []).map((email) => usableEmail(email) ?? email));
  let siteUrl = "";
  let source = "";
  const sourceOf = () => (source ||= `wordpress:${siteUrl.replace(/\/+$/, "") || "unknown"}`);

  const accountFor = async (input: { person: ImportedPerson; at: string; line: number }) => {
    const { person } = input;
    const key = person.kind === "site-user" ? `user:${person.key}` : `guest:${usableEmail(person.email) ?? `name:${person.name}`}`;
    const known = accountIds.get(key);
    if (known !== undefined) return known;
    const account = await findOrCreateImportedAccount(db, { source: sourceOf(), person, createdAt: input.at, matchStaff });
    run.record({ line: input.line, kind: "account", id: person.name, outcome: account.created ? "created" : "matched" });
    if (account.note) run.note({ line: input.line, kind: "account", id: person.name, note: account.note });
    // A session's worth of people: far fewer than comments, so the map stays small.
    accountIds.set(key, account.id);
    return account.id;
  };

  // WordPress's own elements (wp:...) before the first post: an RSS feed has posts but none of them.
  let wordpressSeen = false;
  const checkRoot = (root: XmlRoot): string | null => {
    wordpressSeen = Object.values(root.attrs).some((value) => WXR_NAMESPACE.test(value));
    return root.name === "rss" ? null : wrongFileForWordPress(root);
  };

  try {
    for await (const record of readXmlRecords(file, { recordDepth: 3, onProgress: options.onProgress, checkRoot })) {
      const { node, line } = record;
      if (node.name.startsWith("wp:")) wordpressSeen = true;
      if (node.name === "item" && !wordpressSeen) {
        throw new WrongFormatError(
          "This is an RSS feed, not a WordPress export: it has posts (<item>) but none of WordPress's wp: elements. Export the site from WordPress's Tools > Export > All content.",
        );
      }
      try {
        switch (node.name) {
          case "wp:base_site_url":
          case "link":
            if (!siteUrl || node.name === "wp:base_site_url") siteUrl = node.text.trim();
            break;
          case "wp:author": {
            const login = textOf(node, "wp:author_login");
            const author = { login, email: textOf(node, "wp:author_email"), name: textOf(node, "wp:author_display_name") || login };
            authors.set(login, author);
            const id = textOf(node, "wp:author_id");
            if (/^[1-9]\d*$/.test(id)) authorsById.set(id, author);
            break;
          }
          case "item":
            run.source = sourceOf();
            await importItem(db, { node, line, run, source: sourceOf(), authors, authorsById, accountFor });
            break;
          default:
            break;
        }
      } catch (error) {
        run.record({ line, kind: "record", id: node.name, outcome: "bad", reason: error instanceof Error ? error.message : String(error) });
      }
    }
  } catch (error) {
    run.source = sourceOf();
    const summary = run.finish();
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { summary });
  }
  run.source = sourceOf();
  return run.finish();
}

const WXR_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/?$/;

/** What a file given to the WordPress import is instead, named from its root element. */
function wrongFileForWordPress(root: XmlRoot): string {
  if (root.name === "disqus") return "This is a Disqus export, not a WordPress one: import it with `npm run import -- disqus FILE`.";
  return `This is not a WordPress export: its root element is <${root.name}>, where a WordPress export (WXR) has <rss> with WordPress's wp: elements.`;
}

interface ItemContext {
  node: XmlNode;
  line: number;
  run: ImportRun;
  source: string;
  authors: Map<string, Author>;
  /** The site's users by wp:author_id, which a comment's wp:comment_user_id names when a user wrote it. */
  authorsById: Map<string, Author>;
  accountFor: (input: { person: ImportedPerson; at: string; line: number }) => Promise<number>;
}

const PUBLICATION: Record<string, "publish" | "draft" | "future"> = {
  publish: "publish",
  future: "future",
  draft: "draft",
  pending: "draft",
  private: "draft",
};

async function importItem(db: Kysely<Database>, ctx: ItemContext): Promise<void> {
  const { node, line, run, source } = ctx;
  const postId = textOf(node, "wp:post_id");
  const type = textOf(node, "wp:post_type") || "post";
  if (type !== "post") {
    run.record({ line, kind: "record", id: postId, outcome: "skipped", reason: `a WordPress ${type}, not a post` });
    return;
  }
  if (!/^\d+$/.test(postId)) {
    run.record({ line, kind: "story", id: postId, outcome: "bad", reason: "no wp:post_id" });
    return;
  }
  const wpStatus = textOf(node, "wp:status") || "publish";
  const known = await findImportLink(db, source, "story", postId);
  let articleId: number;
  if (known !== null) {
    articleId = known;
    run.record({ line, kind: "story", id: postId, outcome: "matched" });
  } else {
    const publication = PUBLICATION[wpStatus];
    if (!publication) {
      run.record({ line, kind: "story", id: postId, outcome: "skipped", reason: `status "${wpStatus}"` });
      return;
    }
    const created = await createArticleFromPost(db, ctx, postId, publication);
    if (created === null) return;
    articleId = created;
  }
  await importComments(db, ctx, articleId);
}

async function createArticleFromPost(db: Kysely<Database>, ctx: ItemContext, postId: string, publication: "publish" | "draft" | "future"): Promise<number | null> {
  const { node, line, run, source } = ctx;
  const at = wordpressTime(textOf(node, "wp:post_date_gmt"), textOf(node, "wp:post_date")) ?? wordpressTime("", textOf(node, "pubDate")) ?? nowIso();
  const creator = textOf(node, "dc:creator");
  const author = ctx.authors.get(creator) ?? { login: creator, email: "", name: creator || "Newsroom" };
  const authorId = await ctx.accountFor({ person: { kind: "site-user", key: author.login, email: author.email, name: author.name, role: "editor" }, at, line });

  const categoryIds: number[] = [];
  for (const category of childrenNamed(node, "category")) {
    const domain = category.attrs.domain ?? "category";
    if (domain !== "category" && domain !== "post_tag") continue;
    const name = category.text.trim();
    if (!name) continue;
    const found = await findOrCreateCategory(db, { name, slug: category.attrs.nicename ?? "" });
    if (found.created) run.record({ line, kind: "category", id: name, outcome: "created" });
    categoryIds.push(found.id);
  }

  const headline = plainText(textOf(node, "title")) || "Untitled story";
  const wpSlug = slugify(textOf(node, "wp:post_name"));
  const slug = wpSlug && !(await slugTakenBy(db, wpSlug, null)) ? wpSlug : await uniqueSlug(db, wpSlug || slugify(headline), null);
  const bodySource = wordpressHtmlToMarkdown(child(node, "content:encoded")?.text ?? "");
  const summary = plainText(child(node, "excerpt:encoded")?.text ?? "").slice(0, 500);
  const change: PublicationChange =
    publication === "publish" ? { kind: "publish" } : publication === "future" ? { kind: "schedule", at } : { kind: "draft" };
  const addresses = [`?p=${postId}`];
  for (const url of [textOf(node, "link"), textOf(node, "guid")]) {
    const path = url ? legacyPathOf(url) : null;
    if (path) addresses.push(path);
  }
  let saved: Awaited<ReturnType<typeof saveArticle>>;
  try {
    // The story, its link to the post and its old addresses in one transaction: a crash between them,
    // or another run importing the same file at the same time, can never leave the story twice.
    saved = await saveArticle(db, {
      draft: { headline, summary, bodySource, slug, categoryIds, commentsOpen: textOf(node, "wp:comment_status") !== "closed" },
      change,
      by: authorId,
      now: publication === "future" ? nowIso() : at,
      alsoInTransaction: async (trx, article) => {
        await claimImportLink(trx, { source, kind: "story", externalId: postId, localId: article.id });
        await addLegacyAddresses(trx, article.id, addresses);
      },
    });
  } catch (error) {
    if (!(error instanceof AlreadyImportedError)) throw error;
    run.record({ line, kind: "story", id: postId, outcome: "matched", reason: "imported by another run at the same time" });
    return error.localId;
  }
  if (!saved.ok) {
    // The slug was free when looked at, then taken: by this very post, when another run brought it in.
    const linked = await findImportLink(db, source, "story", postId);
    if (linked !== null) {
      run.record({ line, kind: "story", id: postId, outcome: "matched", reason: "imported by another run at the same time" });
      return linked;
    }
    run.record({ line, kind: "story", id: postId, outcome: "bad", reason: Object.values(saved.errors).join(" ") });
    return null;
  }
  run.record({ line, kind: "story", id: postId, outcome: "created" });
  return saved.article.id;
}

interface WpComment {
  id: string;
  parent: string;
  node: XmlNode;
  createdAt: string;
}

const COMMENT_STATUS: Record<string, CommentStatus | "spam" | "trash"> = {
  "1": "visible",
  approve: "visible",
  "0": "pending",
  hold: "pending",
  spam: "spam",
  trash: "trash",
  "post-trashed": "trash",
};

/** Parents before their replies, each level oldest first: the order WordPress showed them in. */
function threadOrder(comments: WpComment[]): WpComment[] {
  const ids = new Set(comments.map((c) => c.id));
  const byParent = new Map<string, WpComment[]>();
  for (const comment of comments) {
    const parent = ids.has(comment.parent) && comment.parent !== comment.id ? comment.parent : "0";
    const siblings = byParent.get(parent) ?? [];
    siblings.push(comment);
    byParent.set(parent, siblings);
  }
  const oldestFirst = (a: WpComment, b: WpComment) => a.createdAt.localeCompare(b.createdAt) || Number(a.id) - Number(b.id);
  const ordered: WpComment[] = [];
  const seen = new Set<string>();
  const visit = (parent: string) => {
    for (const comment of (byParent.get(parent) ?? []).sort(oldestFirst)) {
      if (seen.has(comment.id)) continue;
      seen.add(comment.id);
      ordered.push(comment);
      visit(comment.id);
    }
  };
  visit("0");
  // Comments caught in a loop of parents (a damaged export) still come, as top-level ones.
  for (const comment of comments) if (!seen.has(comment.id)) ordered.push({ ...comment, parent: "0" });
  return ordered;
}

const COMMENT_BATCH = 500;

type Verdict = { status: CommentStatus } | { outcome: "skipped" | "bad"; reason: string };

/** WordPress's ids are 64-bit unsigned. */
const LARGEST_WORDPRESS_ID = 2n ** 64n - 1n;

/** What the export itself says about a comment, before anything is looked up. */
function judgeComment(comment: WpComment): Verdict {
  const c = comment.node;
  if (!/^\d+$/.test(comment.id)) return { outcome: "bad", reason: "no wp:comment_id" };
  if (BigInt(comment.id) > LARGEST_WORDPRESS_ID) return { outcome: "bad", reason: `wp:comment_id ${comment.id} is larger than any WordPress id` };
  const type = textOf(c, "wp:comment_type");
  if (type === "pingback" || type === "trackback") return { outcome: "skipped", reason: `a ${type}` };
  const approved = textOf(c, "wp:comment_approved");
  const status = COMMENT_STATUS[approved];
  if (!status) return { outcome: "bad", reason: `unknown wp:comment_approved "${approved}"` };
  if (status === "spam" || status === "trash") return { outcome: "skipped", reason: status };
  if (!comment.createdAt) return { outcome: "bad", reason: "no date" };
  return { status };
}

/**
 * Who wrote a comment: one of the site's own users when wp:comment_user_id names one in the file's
 * wp:author list, else a guest, whatever address and name they typed (WordPress checks neither).
 */
function commenterOf(node: XmlNode, authorsById: Map<string, Author>): ImportedPerson {
  const user = authorsById.get(textOf(node, "wp:comment_user_id"));
  if (user) return { kind: "site-user", key: user.login, email: user.email, name: user.name };
  return { kind: "guest", email: textOf(node, "wp:comment_author_email"), name: plainText(textOf(node, "wp:comment_author")) || "Anonymous" };
}

async function importComments(db: Kysely<Database>, ctx: ItemContext, articleId: number): Promise<void> {
  const { node, run, source } = ctx;
  const raw = childrenNamed(node, "wp:comment").map((c) => ({
    id: textOf(c, "wp:comment_id"),
    parent: textOf(c, "wp:comment_parent") || "0",
    node: c,
    createdAt: wordpressTime(textOf(c, "wp:comment_date_gmt"), textOf(c, "wp:comment_date")) ?? "",
  }));
  const localIds = new Map<string, number>();
  const ordered = threadOrder(raw);
  for (let start = 0; start < ordered.length; start += COMMENT_BATCH) {
    const batch: { comment: WpComment; status: CommentStatus; authorId: number }[] = [];
    for (const comment of ordered.slice(start, start + COMMENT_BATCH)) {
      const record = { line: comment.node.line, kind: "comment" as const, id: comment.id };
      const known = /^\d+$/.test(comment.id) ? await findImportLink(db, source, "comment", comment.id) : null;
      if (known !== null) {
        localIds.set(comment.id, known);
        run.record({ ...record, outcome: "matched" });
        continue;
      }
      const verdict = judgeComment(comment);
      if ("outcome" in verdict) {
        run.record({ ...record, ...verdict });
        continue;
      }
      let authorId: number;
      try {
        authorId = await ctx.accountFor({ person: commenterOf(comment.node, ctx.authorsById), at: comment.createdAt, line: comment.node.line });
      } catch (error) {
        // Its author's account could not be made: this comment fails, the post's others go on.
        run.record({ ...record, outcome: "bad", reason: `its author's account: ${reasonOf(error)}` });
        continue;
      }
      batch.push({ comment, status: verdict.status, authorId });
    }
    // One transaction a batch, so a comment and its counters are written together, and quickly; one
    // savepoint a comment, so a comment the database refuses fails alone. What each comment became is
    // told only once the batch is committed: the log and the summary never count what was undone.
    const outcomes: RecordOutcome[] = [];
    const added: string[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        // Another run importing the same story's comments at the same time waits here, then finds them linked.
        await lockForTransaction(trx, `import-comments:${articleId}`);
        for (const item of batch) {
          const record = { line: item.comment.node.line, kind: "comment" as const, id: item.comment.id };
          const linked = await findImportLink(trx, source, "comment", item.comment.id);
          if (linked !== null) {
            localIds.set(item.comment.id, linked);
            added.push(item.comment.id);
            outcomes.push({ ...record, outcome: "matched" });
            continue;
          }
          const notes: string[] = [];
          const result = await inSavepoint(trx, () => importComment(trx, { ...ctx, ...item, articleId, localIds, notes }));
          if (!result.ok) outcomes.push({ ...record, outcome: "bad", reason: reasonOf(result.error) });
          else if (typeof result.value === "number") {
            localIds.set(item.comment.id, result.value);
            added.push(item.comment.id);
            outcomes.push({ ...record, outcome: "created", notes });
          } else outcomes.push({ ...record, ...result.value });
        }
      });
    } catch (error) {
      // The batch as a whole was not written (its lock or its commit failed): none of it is here.
      for (const id of added) localIds.delete(id);
      outcomes.length = 0;
      for (const item of batch) {
        outcomes.push({ line: item.comment.node.line, kind: "comment", id: item.comment.id, outcome: "bad", reason: `not written: ${reasonOf(error)}` });
      }
    }
    for (const { notes, ...outcome } of outcomes) {
      run.record(outcome);
      for (const note of notes ?? []) run.note({ line: outcome.line, kind: "comment", id: outcome.id, note });
    }
  }
}

type RecordOutcome = { line: number; kind: "comment"; id: string; outcome: "created" | "matched" | "skipped" | "bad"; reason?: string; notes?: string[] };

async function importComment(
  trx: Kysely<Database>,
  input: ItemContext & { articleId: number; comment: WpComment; status: CommentStatus; authorId: number; localIds: Map<string, number>; notes: string[] },
): Promise<number | { outcome: "skipped"; reason: string }> {
  const { comment, source, status } = input;
  const bodySource = wordpressHtmlToMarkdown(child(comment.node, "wp:comment_content")?.text ?? "");
  if (!bodySource) return { outcome: "skipped", reason: "empty" };
  let parentId: number | null = null;
  if (comment.parent !== "0") {
    parentId = input.localIds.get(comment.parent) ?? null;
    if (parentId === null) {
      input.notes.push(`its parent ${comment.parent} was not imported: kept as a top-level comment`);
    }
  }
  // A fresh Parley id, never the old one: the old id lives in the import mapping alone (ADR 21), where
  // old links find it, so it can never meet a comment from another import or one written here.
  const created = await createCommentInTransaction(trx, {
    articleId: input.articleId,
    authorId: input.authorId,
    parentId,
    bodySource,
    status,
    heldReason: status === "pending" ? HELD_REASON_IMPORTED : "",
    createdAt: comment.createdAt,
  });
  await linkImported(trx, { source, kind: "comment", externalId: comment.id, localId: created.id });
  return created.id;
}
