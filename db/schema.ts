import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Conventions (docs/decisions/0002-portable-schema.md):
 * - timestamps are ISO-8601 UTC strings ("2026-11-22T18:03:48.123Z"), which sort as text on SQLite and
 *   PostgreSQL alike;
 * - booleans are integers 0/1;
 * - ids are integers from the database (autoincrement / identity).
 */
export type Timestamp = string;
export type Flag = 0 | 1;

export const ROLES = ["resident", "editor", "moderator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ["active", "suspended", "banned", "deleted"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const ARTICLE_STATUSES = ["draft", "scheduled", "published"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const COMMENT_STATUSES = ["visible", "pending", "rejected", "removed", "deleted"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const REPORT_REASONS = [
  "spam",
  "abuse",
  "hate",
  "personal_information",
  "off_topic",
  "misinformation",
  "other",
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export interface UserTable {
  id: Generated<number>;
  email: string | null; // normalised (trimmed, lower-case); null once the account is deleted
  email_verified_at: Timestamp | null;
  display_name: string;
  display_name_key: string; // lower-cased, accent-folded: unique across users
  name_skeleton: string; // the name's confusable skeleton (utils/confusables.ts): unique across users
  password_hash: string | null;
  role: Role;
  status: UserStatus;
  status_until: Timestamp | null; // end of a suspension
  trusted: Flag;
  notify_replies_by_email: Flag;
  premoderate: Generated<Flag>; // every comment of this account waits for a moderator
  terms_version: number | null;
  terms_accepted_at: Timestamp | null;
  bio: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionTable {
  id: string; // SHA-256 of the session token, hex; the token itself is never stored
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_used_at: Timestamp;
  user_agent: string;
  ip_address: string;
}

export interface CategoryTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface ArticleTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  summary: string;
  body_source: string;
  body_html: string;
  author_id: number | null;
  status: ArticleStatus;
  published_at: Timestamp | null; // for scheduled stories, the moment they go live
  comments_open: Flag;
  comment_count: number; // visible comments, kept in step in the same transaction as the comment
  premoderate: Generated<Flag>; // every comment on this story waits for a moderator
  after_hours: Generated<"carry_on" | "hold" | "pause">; // while no moderator is on duty (app/utils/staffed-hours.ts, migration 0024)
  slow_mode_minutes: Generated<number>; // 0: off; else one comment per resident per so many minutes (migration 0026)
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: number | null; // who saved the current text (migration 0003); null: the author
}

export interface ArticleCategoryTable {
  article_id: number;
  category_id: number;
}

export interface CommentTable {
  id: Generated<number>;
  article_id: number;
  author_id: number;
  parent_id: number | null;
  root_id: number | null; // the top-level comment of this thread; null on a top-level comment itself
  depth: number; // 0 for a top-level comment
  path: string; // zero-padded ids from the root down, "0000000012.0000000345": ordering by it reads a thread
  status: CommentStatus;
  body_source: string;
  body_html: string;
  like_count: number;
  created_at: Timestamp;
  edited_at: Timestamp | null;
  status_changed_at: Timestamp | null;
  held_reason: Generated<string>; // why it waits for a moderator ("" when it does not)
  rule_number: number | null; // the rule cited when it was rejected or removed
  moderation_note: Generated<string>; // the moderator's note to the author
  featured_at: Timestamp | null;
}

export interface CommentLikeTable {
  comment_id: number;
  user_id: number;
  created_at: Timestamp;
}

export interface CommentReportTable {
  id: Generated<number>;
  comment_id: number;
  reporter_id: number;
  reason: ReportReason;
  note: string;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface ModerationActionTable {
  id: Generated<number>;
  moderator_id: number | null;
  action: string; // "approve_comment", "reject_comment", "remove_comment", "warn_user", ...
  comment_id: number | null;
  user_id: number | null; // the account acted on
  article_id: number | null;
  rule_number: number | null; // the rule of the terms of posting that was cited
  note: string;
  created_at: Timestamp;
  previous_state: Generated<string | null>; // a comment decision: the comment as it found it (JSON), for Undo
}

/** A moderator looking at a comment: opened its page, or claimed it in the queue (migration 0016). */
export interface ModerationClaimTable {
  comment_id: number;
  moderator_id: number;
  opened_at: Timestamp | null;
  claimed_at: Timestamp | null;
  seen_at: Timestamp; // the later of the two
}

export interface TermsRuleTable {
  id: Generated<number>;
  number: number;
  title: string;
  body: string;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string; // "reply", "moderation"
  comment_id: number | null;
  actor_id: number | null;
  body: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
  /** The rule of the terms a moderation notice cites (migration 0020). */
  rule_number: number | null;
  /** When its email went out, or was found not to be wanted (moderation notices; migration 0020). */
  mailed_at: Timestamp | null;
}

export interface SettingTable {
  key: string;
  value: string; // JSON
  updated_at: Timestamp;
}

export const ACCOUNT_TOKEN_PURPOSES = ["verify_email", "reset_password", "change_email", "sign_in"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

export interface AccountTokenTable {
  id: Generated<number>;
  token_hash: string; // SHA-256 of the token in the emailed link, hex; the token itself is never stored
  purpose: AccountTokenPurpose;
  user_id: number;
  email: string; // the address the link was sent to (for change_email, the new address)
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null; // single use
  /** A confirmation link's joining browser: SHA-256 hex of the value in its cookie (migration 0021). */
  browser_hash: string | null;
  /** Where the new resident came from, a path on this site (migration 0021). */
  return_to: string | null;
}

/** Where an account has signed in from: a hash of the account and the client address, never the address. */
export interface SignInAddressTable {
  user_id: number;
  address_hash: string; // SHA-256 hex of "<user id> <client address>"
  first_at: Timestamp;
  last_at: Timestamp;
}

export interface ThrottleTable {
  key: string; // "login:email:a@b.example", "login:ip:203.0.113.9", "join:ip:...", "reset:email:..."
  count: number; // failures (or requests) in the current window
  window_started_at: Timestamp;
  blocked_until: Timestamp | null;
  updated_at: Timestamp;
}

/** Newsroom (issue 5): versions, old addresses, corrections. */
export interface ArticleVersionTable {
  id: Generated<number>;
  article_id: number;
  headline: string;
  summary: string;
  body_source: string;
  slug: string;
  categories: string; // JSON: [{ "id": 1, "slug": "council", "name": "Council" }]
  saved_by: number | null; // who saved this state
  created_at: Timestamp; // when this state was saved
}

export interface ArticleSlugRedirectTable {
  old_slug: string; // unique: an old address names one story
  article_id: number;
  created_at: Timestamp;
}

export interface CorrectionReportTable {
  id: Generated<number>;
  article_id: number;
  body: string;
  email: string; // optional: "" when the reader left none
  reporter_id: number | null; // signed-in reader, if any
  rate_key: string; // whom the hourly limit counts: "user:12" or a hash of the client address
  created_at: Timestamp;
  handled_at: Timestamp | null;
  handled_by: number | null;
}

export interface ArticleCorrectionTable {
  id: Generated<number>;
  article_id: number;
  body: string; // plain text, shown at the foot of the story
  created_by: number | null;
  created_at: Timestamp;
}

export const SANCTION_KINDS = ["warn", "premoderate", "suspend", "ban"] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export interface UserSanctionTable {
  id: Generated<number>;
  user_id: number;
  kind: SanctionKind;
  rule_number: number | null;
  note: string;
  created_by: number | null;
  created_at: Timestamp;
  ends_at: Timestamp | null; // a suspension's end
  acknowledged_at: Timestamp | null; // a warning the resident has read
  lifted_at: Timestamp | null;
  lifted_by: number | null;
}

/** An alert raised once for moderators (migration 0025): the queue's size, a story's heat, a hide by reports, an appeal. */
export interface ModerationAlertTable {
  id: Generated<number>;
  alert_key: string;
  kind: string; // "queue" | "heat" | "hidden" | "appeal"
  text: string;
  link: string; // a path on the site
  article_id: number | null;
  created_at: Timestamp;
}

/** One way an alert goes out, with its attempts: "email" to a moderator's address, or "webhook" to the site's URL. */
export interface AlertDeliveryTable {
  id: Generated<number>;
  alert_id: number;
  channel: "email" | "webhook";
  target: string;
  status: "pending" | "sent" | "failed";
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_result: Generated<string>;
  delivered_at: Timestamp | null;
}

export const APPEAL_OUTCOMES = ["upheld", "reversed"] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** A resident's appeal of one decision against them, and the answer (migration 0023). */
export interface AppealTable {
  id: Generated<number>;
  subject_key: string; // "action:<moderation_action.id>" for a comment decision, "sanction:<user_sanction.id>"
  user_id: number;
  comment_id: number | null;
  sanction_id: number | null;
  decided_by_id: number | null; // who made the decision appealed
  rule_number: number | null; // the rule that decision cited
  body: string;
  created_at: Timestamp;
  assigned_to: number | null;
  outcome: AppealOutcome | null;
  reason: Generated<string>;
  answered_at: Timestamp | null;
  answered_by: number | null;
}

export interface UserNoteTable {
  id: Generated<number>;
  user_id: number;
  author_id: number | null;
  body: string;
  created_at: Timestamp;
}

/** Imports (issue 14): what each record of an imported site became here. */
export interface ImportLinkTable {
  source: string; // "wordpress:https://old.example", "disqus:forum-name"
  kind: string; // "story", "comment", "guest" (a name-only guest), "guest-address" (a guest, by address), "site-user" (by WordPress login)
  external_id: string;
  local_id: number;
  created_at: Timestamp;
}

/** An address a story had on the old site: "/2013/03/26/ferry-timetable" or "?p=123". */
export interface LegacyAddressTable {
  address: string;
  article_id: number;
  created_at: Timestamp;
}

export interface Database {
  user: UserTable;
  session: SessionTable;
  category: CategoryTable;
  article: ArticleTable;
  article_category: ArticleCategoryTable;
  comment: CommentTable;
  comment_like: CommentLikeTable;
  comment_report: CommentReportTable;
  moderation_action: ModerationActionTable;
  moderation_claim: ModerationClaimTable;
  terms_rule: TermsRuleTable;
  notification: NotificationTable;
  setting: SettingTable;
  user_sanction: UserSanctionTable;
  user_note: UserNoteTable;
  account_token: AccountTokenTable;
  throttle: ThrottleTable;
  sign_in_address: SignInAddressTable;
  article_version: ArticleVersionTable;
  article_slug_redirect: ArticleSlugRedirectTable;
  correction_report: CorrectionReportTable;
  article_correction: ArticleCorrectionTable;
  import_link: ImportLinkTable;
  legacy_address: LegacyAddressTable;
  content_version: ContentVersionTable;
  comment_event: CommentEventTable;
  article_image: ArticleImageTable;
  appeal: AppealTable;
  moderation_alert: ModerationAlertTable;
  alert_delivery: AlertDeliveryTable;
}

/** What readers see, versioned: "site", "lists" or "article:<id>" (app/models/content-version.server.ts). */
export interface ContentVersionTable {
  key: string;
  version: number;
}

export const COMMENT_EVENT_KINDS = ["posted", "edited", "deleted", "removed", "restored"] as const;
export type CommentEventKind = (typeof COMMENT_EVENT_KINDS)[number];

/** What a story's readers saw change in its discussion, in commit order per story (migration 0012, ADR 15). */
export interface CommentEventTable {
  id: Generated<number>;
  article_id: number;
  comment_id: number;
  parent_id: number | null;
  kind: CommentEventKind;
  created_at: Timestamp;
}

/** An image uploaded for a story, resized and kept whole (migration 0022): it never changes once stored. */
export interface ArticleImageTable {
  id: Generated<number>;
  article_id: number;
  content_type: string; // image/jpeg, image/png or image/webp
  width: number;
  height: number;
  alt: string;
  data: Buffer;
  uploaded_by: number | null;
  created_at: Timestamp;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Category = Selectable<CategoryTable>;
export type Article = Selectable<ArticleTable>;
export type NewArticle = Insertable<ArticleTable>;
export type Comment = Selectable<CommentTable>;
export type NewComment = Insertable<CommentTable>;
export type CommentReport = Selectable<CommentReportTable>;
export type ModerationAction = Selectable<ModerationActionTable>;
export type TermsRule = Selectable<TermsRuleTable>;
export type Setting = Selectable<SettingTable>;
export type AccountToken = Selectable<AccountTokenTable>;
export type Throttle = Selectable<ThrottleTable>;
export type ArticleVersion = Selectable<ArticleVersionTable>;
export type CorrectionReport = Selectable<CorrectionReportTable>;
export type ArticleCorrection = Selectable<ArticleCorrectionTable>;
