import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { createCommentInTransaction } from "../comment/writing.server";
import { htmlToMarkdown } from "./html-to-markdown";
import { findOrCreateImportedAccount } from "./imported-account.server";
import { legacyPathOf } from "./legacy-address.server";
import { ImportRun, type ImportSummary } from "./import-run";
import { child, readXmlRecords, textOf, type XmlNode, type XmlRoot } from "./xml-records";
import { findImportLink, linkImported, plainText, reasonOf } from "./shared.server";
import { HELD_REASON_IMPORTED, type ImportOptions } from "./wordpress.server";

/**
 * A Disqus export (<disqus> with <category>, <thread> and <post> records) merged into the stories that
 * are here: a thread is matched to a story by its link (an old WordPress address, or a Parley one) or
 * by the WordPress post id in its identifier. Posts keep their parents, deleted and spam ones are
 * counted and left out. Like the WordPress import, every record is looked up first, so runs repeat safely.
 */

interface PendingPost {
  node: XmlNode;
  line: number;
}

async function storyForThread(db: Kysely<Database>, thread: XmlNode): Promise<number | null> {
  const candidates: string[] = [];
  const link = textOf(thread, "link");
  if (link) {
    const parley = /\/articles\/([^/?#]+)/.exec(link)?.[1];
    if (parley) {
      const bySlug = await db.selectFrom("article").select("id").where("slug", "=", decodeURIComponent(parley)).executeTakeFirst();
      if (bySlug) return bySlug.id;
      const moved = await db.selectFrom("article_slug_redirect").select("article_id").where("old_slug", "=", decodeURIComponent(parley)).executeTakeFirst();
      if (moved) return moved.article_id;
    }
    const path = legacyPathOf(link);
    if (path) candidates.push(path);
  }
  // The WordPress plugin's identifier: "123 https://old.example/?p=123".
  const postId = /^(\d+)\s/.exec(textOf(thread, "id"))?.[1];
  if (postId) candidates.push(`?p=${postId}`);
  for (const address of candidates) {
    const row = await db.selectFrom("legacy_address").select("article_id").where("address", "=", address).executeTakeFirst();
    if (row) return row.article_id;
  }
  return null;
}

/** What a file given to the Disqus import is instead, named from its root element; null for a Disqus export. */
function wrongFileForDisqus(root: XmlRoot): string | null {
  if (root.name === "disqus") return null;
  if (root.name === "rss" && Object.values(root.attrs).some((value) => /wordpress\.org\/export\//.test(value))) {
    return "This is a WordPress export, not a Disqus one: import it with `npm run import -- wordpress FILE`.";
  }
  if (root.name === "rss") return "This is an RSS feed, not a Disqus export (Disqus: Admin > Moderation > Export).";
  return `This is not a Disqus export: its root element is <${root.name}>, where a Disqus export has <disqus>.`;
}

export async function importDisqus(db: Kysely<Database>, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const run = new ImportRun(options.logPath, options.command);
  const threads = new Map<string, number | null>();
  const waiting = new Map<string, PendingPost[]>(); // replies whose parent has not come yet, by parent id
  let source = "";

  const importPost = async (node: XmlNode, line: number, parentLocal: number | null): Promise<void> => {
    const id = node.attrs["dsq:id"] ?? "";
    const threadId = child(node, "thread")?.attrs["dsq:id"] ?? "";
    const articleId = threads.get(threadId);
    if (!articleId) {
      run.record({ line, kind: "comment", id, outcome: "skipped", reason: articleId === null ? "its thread matches no story here" : "its thread is not in the file" });
      return;
    }
    const known = await findImportLink(db, source, "comment", id);
    if (known !== null) {
      run.record({ line, kind: "comment", id, outcome: "matched" });
      await flush(id, known);
      return;
    }
    if (textOf(node, "isSpam") === "true") return run.record({ line, kind: "comment", id, outcome: "skipped", reason: "spam" });
    if (textOf(node, "isDeleted") === "true") return run.record({ line, kind: "comment", id, outcome: "skipped", reason: "deleted" });
    const createdAt = Date.parse(textOf(node, "createdAt"));
    if (!Number.isFinite(createdAt)) return run.record({ line, kind: "comment", id, outcome: "bad", reason: "no createdAt" });
    const bodySource = htmlToMarkdown(child(node, "message")?.text ?? "");
    if (!bodySource) return run.record({ line, kind: "comment", id, outcome: "skipped", reason: "empty" });
    const author = child(node, "author");
    const email = author ? textOf(author, "email") : "";
    const name = plainText(author ? textOf(author, "name") || textOf(author, "username") : "") || "Anonymous";
    let account: Awaited<ReturnType<typeof findOrCreateImportedAccount>>;
    try {
      // Disqus never verified the address a commenter gave: every post is a guest's (ADR 11).
      account = await findOrCreateImportedAccount(db, { source, person: { kind: "guest", email, name }, createdAt: new Date(createdAt).toISOString() });
    } catch (error) {
      return run.record({ line, kind: "comment", id, outcome: "bad", reason: `its author's account: ${reasonOf(error)}` });
    }
    run.record({ line, kind: "account", id: name, outcome: account.created ? "created" : "matched" });
    if (account.note) run.note({ line, kind: "account", id: name, note: account.note });
    const status = textOf(node, "isApproved") === "false" ? "pending" : "visible";
    // A post the database refuses fails alone, on its own line, and the run goes on.
    let created: { id: number };
    try {
      created = await db.transaction().execute(async (trx) => {
        const comment = await createCommentInTransaction(trx, {
          articleId,
          authorId: account.id,
          parentId: parentLocal,
          bodySource,
          status,
          heldReason: status === "pending" ? HELD_REASON_IMPORTED : "",
          createdAt: new Date(createdAt).toISOString(),
        });
        await linkImported(trx, { source, kind: "comment", externalId: id, localId: comment.id });
        return comment;
      });
    } catch (error) {
      return run.record({ line, kind: "comment", id, outcome: "bad", reason: reasonOf(error) });
    }
    run.record({ line, kind: "comment", id, outcome: "created" });
    await flush(id, created.id);
  };

  const flush = async (parentId: string, parentLocal: number) => {
    const replies = waiting.get(parentId);
    if (!replies) return;
    waiting.delete(parentId);
    for (const reply of replies) await importPost(reply.node, reply.line, parentLocal);
  };

  for await (const { node, line } of readXmlRecords(file, { recordDepth: 2, onProgress: options.onProgress, checkRoot: wrongFileForDisqus })) {
    try {
      if (node.name === "thread") {
        const forum = textOf(node, "forum");
        source ||= `disqus:${forum || "unknown"}`;
        run.source = source;
        const id = node.attrs["dsq:id"] ?? "";
        const articleId = await storyForThread(db, node);
        threads.set(id, articleId);
        if (articleId === null) run.record({ line, kind: "story", id, outcome: "skipped", reason: "no story here has this thread's link" });
        else run.record({ line, kind: "story", id, outcome: "matched" });
      } else if (node.name === "post") {
        source ||= "disqus:unknown";
        const parent = child(node, "parent")?.attrs["dsq:id"];
        if (!parent) {
          await importPost(node, line, null);
          continue;
        }
        const parentLocal = await findImportLink(db, source, "comment", parent);
        if (parentLocal !== null) await importPost(node, line, parentLocal);
        else {
          const list = waiting.get(parent) ?? [];
          list.push({ node, line });
          waiting.set(parent, list);
        }
      }
    } catch (error) {
      run.record({ line, kind: "record", id: node.attrs["dsq:id"] ?? node.name, outcome: "bad", reason: error instanceof Error ? error.message : String(error) });
    }
  }
  // Replies whose parent never came (deleted, spam, or not in the file) stand on their own.
  for (const [parent, replies] of waiting) {
    waiting.delete(parent);
    for (const reply of replies) {
      run.note({ line: reply.line, kind: "comment", id: reply.node.attrs["dsq:id"] ?? "", note: `its parent ${parent} was not imported: kept as a top-level comment` });
      await importPost(reply.node, reply.line, null);
    }
  }
  return run.finish();
}
