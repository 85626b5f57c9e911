import { sql, type Kysely } from "kysely";
import type { Database, Role, User } from "../../db/schema";
import { nameSkeleton } from "../utils/confusables";
import { nowIso } from "../utils/time";

export const DELETED_USER_NAME = "Deleted user";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The key that makes display names unique: case, accents and inner spacing do not count. */
export function displayNameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export interface CreateUserInput {
  email: string;
  displayName: string;
  passwordHash: string | null;
  role?: Role;
  emailVerified?: boolean;
  termsVersion?: number | null;
  createdAt?: string;
  bio?: string;
}

export async function createUser(db: Kysely<Database>, input: CreateUserInput): Promise<User> {
  const at = input.createdAt ?? nowIso();
  return db
    .insertInto("user")
    .values({
      email: normalizeEmail(input.email),
      email_verified_at: input.emailVerified ? at : null,
      display_name: input.displayName.trim(),
      display_name_key: displayNameKey(input.displayName),
      name_skeleton: nameSkeleton(input.displayName),
      password_hash: input.passwordHash,
      role: input.role ?? "resident",
      status: "active",
      trusted: 0,
      notify_replies_by_email: 0,
      terms_version: input.termsVersion ?? null,
      terms_accepted_at: input.termsVersion != null ? at : null,
      bio: input.bio ?? "",
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getUserByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
  return db.selectFrom("user").selectAll().where("email", "=", normalizeEmail(email)).executeTakeFirst();
}

export async function getUserById(db: Kysely<Database>, id: number): Promise<User | undefined> {
  return db.selectFrom("user").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function setUserRole(db: Kysely<Database>, userId: number, role: Role): Promise<void> {
  await db.updateTable("user").set({ role, updated_at: nowIso() }).where("id", "=", userId).execute();
}

export interface PublicProfile {
  id: number;
  displayName: string;
  role: Role;
  bio: string;
  memberSince: string;
  commentCount: number;
}

/** What anyone may see of an account. Deleted accounts have no public profile. */
export async function getPublicProfile(db: Kysely<Database>, id: number): Promise<PublicProfile | undefined> {
  const row = await db
    .selectFrom("user")
    .select((eb) => [
      "user.id",
      "user.display_name",
      "user.role",
      "user.bio",
      "user.created_at",
      eb
        .selectFrom("comment")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("comment.author_id", "=", "user.id")
        .where("comment.status", "=", "visible")
        .as("comment_count"),
    ])
    .where("user.id", "=", id)
    .where("user.status", "!=", "deleted")
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    displayName: row.display_name,
    role: row.role,
    bio: row.bio,
    memberSince: row.created_at,
    commentCount: Number(row.comment_count ?? 0),
  };
}

// ---------------------------------------------------------------------------------------------------
// Managing accounts (admins)

export interface UserListRow {
  id: number;
  displayName: string;
  email: string | null;
  role: Role;
  status: User["status"];
  emailVerified: boolean;
  createdAt: string;
}

/** Accounts whose name or email contains `query` (any case, accents ignored in names), newest first. */
export async function searchUsers(
  db: Kysely<Database>,
  options: { query?: string; page?: number; perPage?: number } = {},
): Promise<{ users: UserListRow[]; page: number; hasNextPage: boolean }> {
  const perPage = options.perPage ?? 25;
  const page = Math.max(1, options.page ?? 1);
  const query = (options.query ?? "").trim();
  // LIKE with an explicit escape character reads the same on SQLite and PostgreSQL.
  const like = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  let select = db
    .selectFrom("user")
    .select(["id", "display_name", "email", "role", "status", "email_verified_at", "created_at"])
    .where("status", "!=", "deleted");
  if (query) {
    const namePattern = like(displayNameKey(query));
    const emailPattern = like(query.toLowerCase());
    select = select.where((eb) =>
      eb.or([
        sql<boolean>`${sql.ref("display_name_key")} like ${namePattern} escape '\\'`,
        sql<boolean>`${sql.ref("email")} like ${emailPattern} escape '\\'`,
      ]),
    );
  }
  const rows = await select
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .execute();
  return {
    page,
    hasNextPage: rows.length > perPage,
    users: rows.slice(0, perPage).map((row) => ({
      id: row.id,
      displayName: row.display_name,
      email: row.email,
      role: row.role,
      status: row.status,
      emailVerified: row.email_verified_at !== null,
      createdAt: row.created_at,
    })),
  };
}

/** An admin changes someone's role; the change and its audit row are one transaction. */
export async function changeUserRole(
  db: Kysely<Database>,
  input: { adminId: number; userId: number; role: Role },
): Promise<"changed" | "unchanged" | "not_found"> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("user")
      .select(["id", "role"])
      .where("id", "=", input.userId)
      .where("status", "!=", "deleted")
      .executeTakeFirst();
    if (!user) return "not_found";
    if (user.role === input.role) return "unchanged";
    const at = nowIso();
    await trx.updateTable("user").set({ role: input.role, updated_at: at }).where("id", "=", user.id).execute();
    await trx
      .insertInto("moderation_action")
      .values({
        moderator_id: input.adminId,
        action: "change_role",
        user_id: user.id,
        comment_id: null,
        article_id: null,
        rule_number: null,
        note: `${user.role} -> ${input.role}`,
        created_at: at,
      })
      .execute();
    return "changed";
  });
}
