import type { Kysely } from "kysely";
import { escapeXml, withoutXmlForbidden } from "../../utils/xml";
import type { Database } from "../../../db/schema";

/**
 * The whole site as a WordPress export (WXR 1.2), for WordPress's own importer (Tools > Import >
 * WordPress) or for Parley's: stories with their categories, and every comment with its parent, its
 * author's name and address, and its state (visible: approved; held: awaiting approval; others: in the bin).
 * Written story by story through `write`, so the site is never held in memory whole.
 */

function cdata(text: string): string {
  return `<![CDATA[${withoutXmlForbidden(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}


/** "2019-05-14T08:00:00.000Z" as WordPress writes times: "2019-05-14 08:00:00". */
function wpTime(iso: string | null): string {
  return iso ? iso.slice(0, 19).replace("T", " ") : "0000-00-00 00:00:00";
}

const COMMENT_APPROVED: Record<string, string> = { visible: "1", pending: "0" };

export async function exportWordPress(
  db: Kysely<Database>,
  input: { origin: string; siteName: string; write: (chunk: string) => Promise<void> | void },
): Promise<{ stories: number; comments: number }> {
  const { write, origin } = input;
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>${escapeXml(input.siteName)}</title>
\t<link>${escapeXml(origin)}</link>
\t<description></description>
\t<language>en-GB</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${escapeXml(origin)}</wp:base_site_url>
\t<wp:base_blog_url>${escapeXml(origin)}</wp:base_blog_url>
`);
  const authors = await db
    .selectFrom("user")
    .select(["id", "email", "display_name"])
    .where("id", "in", db.selectFrom("article").select("author_id").where("author_id", "is not", null).$castTo<number>())
    .execute();
  for (const author of authors) {
    await write(
      `\t<wp:author><wp:author_id>${author.id}</wp:author_id><wp:author_login>${cdata(`user-${author.id}`)}</wp:author_login><wp:author_email>${cdata(author.email ?? "")}</wp:author_email><wp:author_display_name>${cdata(author.display_name)}</wp:author_display_name></wp:author>\n`,
    );
  }
  const categories = await db.selectFrom("category").selectAll().orderBy("position").execute();
  for (const category of categories) {
    await write(
      `\t<wp:category><wp:term_id>${category.id}</wp:term_id><wp:category_nicename>${cdata(category.slug)}</wp:category_nicename><wp:category_parent>${cdata("")}</wp:category_parent><wp:cat_name>${cdata(category.name)}</wp:cat_name></wp:category>\n`,
    );
  }
  let stories = 0;
  let comments = 0;
  const articleIds = await db.selectFrom("article").select("id").orderBy("id").execute();
  for (const { id } of articleIds) {
    const article = await db.selectFrom("article").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const articleCategories = await db
      .selectFrom("article_category")
      .innerJoin("category", "category.id", "article_category.category_id")
      .select(["category.slug", "category.name"])
      .where("article_category.article_id", "=", id)
      .execute();
    const status = article.status === "published" ? "publish" : article.status === "scheduled" ? "future" : "draft";
    const link = `${origin}/articles/${article.slug}`;
    await write(`\t<item>
\t\t<title>${cdata(article.headline)}</title>
\t\t<link>${escapeXml(link)}</link>
\t\t<dc:creator>${cdata(article.author_id ? `user-${article.author_id}` : "")}</dc:creator>
\t\t<guid isPermaLink="false">${escapeXml(`${origin}/s/${article.id.toString(36)}`)}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(article.body_html)}</content:encoded>
\t\t<excerpt:encoded>${cdata(article.summary)}</excerpt:encoded>
\t\t<wp:post_id>${article.id}</wp:post_id>
\t\t<wp:post_date>${cdata(wpTime(article.published_at ?? article.created_at))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(wpTime(article.published_at ?? article.created_at))}</wp:post_date_gmt>
\t\t<wp:comment_status>${cdata(article.comments_open ? "open" : "closed")}</wp:comment_status>
\t\t<wp:ping_status>${cdata("closed")}</wp:ping_status>
\t\t<wp:post_name>${cdata(article.slug)}</wp:post_name>
\t\t<wp:status>${cdata(status)}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>${cdata("post")}</wp:post_type>
\t\t<wp:post_password>${cdata("")}</wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
`);
    for (const category of articleCategories) {
      await write(`\t\t<category domain="category" nicename="${escapeXml(category.slug)}">${cdata(category.name)}</category>\n`);
    }
    const rows = await db
      .selectFrom("comment")
      .innerJoin("user", "user.id", "comment.author_id")
      .select(["comment.id", "comment.parent_id", "comment.status", "comment.body_html", "comment.created_at", "user.display_name", "user.email", "user.status as user_status"])
      .where("comment.article_id", "=", id)
      .orderBy("comment.path")
      .execute();
    for (const comment of rows) {
      const deletedUser = comment.user_status === "deleted";
      await write(`\t\t<wp:comment>
\t\t\t<wp:comment_id>${comment.id}</wp:comment_id>
\t\t\t<wp:comment_author>${cdata(deletedUser ? "Deleted user" : comment.display_name)}</wp:comment_author>
\t\t\t<wp:comment_author_email>${cdata(deletedUser ? "" : (comment.email ?? ""))}</wp:comment_author_email>
\t\t\t<wp:comment_author_url></wp:comment_author_url>
\t\t\t<wp:comment_author_IP></wp:comment_author_IP>
\t\t\t<wp:comment_date>${cdata(wpTime(comment.created_at))}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>${cdata(wpTime(comment.created_at))}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>${cdata(comment.body_html)}</wp:comment_content>
\t\t\t<wp:comment_approved>${cdata(COMMENT_APPROVED[comment.status] ?? "trash")}</wp:comment_approved>
\t\t\t<wp:comment_type>${cdata("comment")}</wp:comment_type>
\t\t\t<wp:comment_parent>${comment.parent_id ?? 0}</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t</wp:comment>
`);
      comments++;
    }
    await write("\t</item>\n");
    stories++;
  }
  await write("</channel>\n</rss>\n");
  return { stories, comments };
}
