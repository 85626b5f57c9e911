import type { Kysely } from "kysely";
import { notNullDefault, withId } from "./helpers";

// Landed migrations are never edited: add a new numbered file instead.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("user"))
    .addColumn("email", "text", (col) => col.unique())
    .addColumn("email_verified_at", "text")
    .addColumn("display_name", "text", (col) => col.notNull())
    .addColumn("display_name_key", "text", (col) => col.notNull().unique())
    .addColumn("password_hash", "text")
    .addColumn("role", "text", notNullDefault("resident"))
    .addColumn("status", "text", notNullDefault("active"))
    .addColumn("status_until", "text")
    .addColumn("trusted", "integer", notNullDefault(0))
    .addColumn("notify_replies_by_email", "integer", notNullDefault(0))
    .addColumn("terms_version", "integer")
    .addColumn("terms_accepted_at", "text")
    .addColumn("bio", "text", notNullDefault(""))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("user_id", "integer", (col) => col.notNull().references("user.id").onDelete("cascade"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .addColumn("last_used_at", "text", (col) => col.notNull())
    .addColumn("user_agent", "text", notNullDefault(""))
    .addColumn("ip_address", "text", notNullDefault(""))
    .execute();
  await db.schema.createIndex("session_user_idx").on("session").column("user_id").execute();

  await withId(db, db.schema.createTable("category"))
    .addColumn("slug", "text", (col) => col.notNull().unique())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("description", "text", notNullDefault(""))
    .addColumn("position", "integer", notNullDefault(0))
    .execute();

  await withId(db, db.schema.createTable("article"))
    .addColumn("slug", "text", (col) => col.notNull().unique())
    .addColumn("headline", "text", (col) => col.notNull())
    .addColumn("summary", "text", notNullDefault(""))
    .addColumn("body_source", "text", notNullDefault(""))
    .addColumn("body_html", "text", notNullDefault(""))
    .addColumn("author_id", "integer", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("status", "text", notNullDefault("draft"))
    .addColumn("published_at", "text")
    .addColumn("comments_open", "integer", notNullDefault(1))
    .addColumn("comment_count", "integer", notNullDefault(0))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("article_status_published_idx")
    .on("article")
    .columns(["status", "published_at"])
    .execute();

  await db.schema
    .createTable("article_category")
    .addColumn("article_id", "integer", (col) => col.notNull().references("article.id").onDelete("cascade"))
    .addColumn("category_id", "integer", (col) => col.notNull().references("category.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("article_category_pk", ["article_id", "category_id"])
    .execute();
  await db.schema.createIndex("article_category_category_idx").on("article_category").column("category_id").execute();

  await withId(db, db.schema.createTable("comment"))
    .addColumn("article_id", "integer", (col) => col.notNull().references("article.id").onDelete("cascade"))
    .addColumn("author_id", "integer", (col) => col.notNull().references("user.id"))
    .addColumn("parent_id", "integer", (col) => col.references("comment.id"))
    .addColumn("root_id", "integer", (col) => col.references("comment.id"))
    .addColumn("depth", "integer", notNullDefault(0))
    .addColumn("path", "text", (col) => col.notNull())
    .addColumn("status", "text", notNullDefault("visible"))
    .addColumn("body_source", "text", (col) => col.notNull())
    .addColumn("body_html", "text", (col) => col.notNull())
    .addColumn("like_count", "integer", notNullDefault(0))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("edited_at", "text")
    .addColumn("status_changed_at", "text")
    .execute();
  await db.schema.createIndex("comment_article_path_idx").on("comment").columns(["article_id", "path"]).execute();
  await db.schema.createIndex("comment_author_created_idx").on("comment").columns(["author_id", "created_at"]).execute();
  await db.schema.createIndex("comment_parent_idx").on("comment").column("parent_id").execute();
  await db.schema.createIndex("comment_status_created_idx").on("comment").columns(["status", "created_at"]).execute();

  await db.schema
    .createTable("comment_like")
    .addColumn("comment_id", "integer", (col) => col.notNull().references("comment.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (col) => col.notNull().references("user.id").onDelete("cascade"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("comment_like_pk", ["comment_id", "user_id"])
    .execute();
  await db.schema.createIndex("comment_like_user_idx").on("comment_like").column("user_id").execute();

  await withId(db, db.schema.createTable("comment_report"))
    .addColumn("comment_id", "integer", (col) => col.notNull().references("comment.id").onDelete("cascade"))
    .addColumn("reporter_id", "integer", (col) => col.notNull().references("user.id").onDelete("cascade"))
    .addColumn("reason", "text", (col) => col.notNull())
    .addColumn("note", "text", notNullDefault(""))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("resolved_at", "text")
    .addUniqueConstraint("comment_report_once", ["comment_id", "reporter_id"])
    .execute();
  await db.schema.createIndex("comment_report_open_idx").on("comment_report").columns(["resolved_at", "created_at"]).execute();

  await withId(db, db.schema.createTable("moderation_action"))
    .addColumn("moderator_id", "integer", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("comment_id", "integer", (col) => col.references("comment.id").onDelete("set null"))
    .addColumn("user_id", "integer", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("article_id", "integer", (col) => col.references("article.id").onDelete("set null"))
    .addColumn("rule_number", "integer")
    .addColumn("note", "text", notNullDefault(""))
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("moderation_action_created_idx").on("moderation_action").column("created_at").execute();
  await db.schema.createIndex("moderation_action_user_idx").on("moderation_action").column("user_id").execute();

  await withId(db, db.schema.createTable("terms_rule"))
    .addColumn("number", "integer", (col) => col.notNull().unique())
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .execute();

  await withId(db, db.schema.createTable("notification"))
    .addColumn("user_id", "integer", (col) => col.notNull().references("user.id").onDelete("cascade"))
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("comment_id", "integer", (col) => col.references("comment.id").onDelete("cascade"))
    .addColumn("actor_id", "integer", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("body", "text", notNullDefault(""))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("notification_user_idx").on("notification").columns(["user_id", "created_at"]).execute();

  await db.schema
    .createTable("setting")
    .addColumn("key", "text", (col) => col.primaryKey())
    .addColumn("value", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "setting",
    "notification",
    "terms_rule",
    "moderation_action",
    "comment_report",
    "comment_like",
    "comment",
    "article_category",
    "article",
    "category",
    "session",
    "user",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
