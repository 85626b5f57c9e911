import type { Kysely } from "kysely";
import type { Database, Role, User } from "../../db/schema";
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
