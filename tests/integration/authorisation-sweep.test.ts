import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAccount } from "../../app/models/account/account.server";
import { makeArticle, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { useFreshOutbox } from "./accounts-support";
import { logRows, useTestRules } from "./moderation-support";

/**
 * Every moderator and admin action, fired by a moderator and by an admin at every kind of target,
 * through real HTTP. The tables below are the specification:
 *
 * - "allowed": the answer is 200, the change is in the database and one audit row names the actor,
 *   the action and the target.
 * - "refused": the answer is 400, 403 or 404 with a message on the page, and nothing about the target
 *   changed in the database (its row, its sanctions, its notes, its comments and the audit log).
 */

useFreshOutbox();

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
  await useTestRules(app.db);
});
afterAll(async () => {
  await app?.close();
});

type Actor = "moderator" | "admin";
type AccountTarget = "own account" | "another moderator" | "an admin" | "a deleted account" | "a resident";
type Outcome = "allowed" | "refused";
const ACCOUNT_TARGETS: AccountTarget[] = ["own account", "another moderator", "an admin", "a deleted account", "a resident"];

// Whose account a moderator or an admin may act on (sanctions, lifting them, trust, private notes).
const ACCOUNT_RULES: Record<Actor, Record<AccountTarget, Outcome>> = {
  moderator: { "own account": "refused", "another moderator": "refused", "an admin": "refused", "a deleted account": "refused", "a resident": "allowed" },
  admin: { "own account": "refused", "another moderator": "allowed", "an admin": "refused", "a deleted account": "refused", "a resident": "allowed" },
};

// Roles are changed by admins only; an admin cannot change their own, and a deleted account has none to change.
const ROLE_RULES: Record<Actor, Record<AccountTarget, Outcome>> = {
  moderator: { "own account": "refused", "another moderator": "refused", "an admin": "refused", "a deleted account": "refused", "a resident": "refused" },
  admin: { "own account": "refused", "another moderator": "allowed", "an admin": "allowed", "a deleted account": "refused", "a resident": "allowed" },
};

type CommentTarget = "own comment" | "a moderator's comment" | "an admin's comment" | "a deleted account's comment" | "a resident's comment";
const COMMENT_TARGETS: CommentTarget[] = ["own comment", "a moderator's comment", "an admin's comment", "a deleted account's comment", "a resident's comment"];

// Comments are judged by what they say, whoever wrote them; only one's own is left to someone else.
const COMMENT_RULES: Record<Actor, Record<CommentTarget, Outcome>> = {
  moderator: { "own comment": "refused", "a moderator's comment": "allowed", "an admin's comment": "allowed", "a deleted account's comment": "allowed", "a resident's comment": "allowed" },
  admin: { "own comment": "refused", "a moderator's comment": "allowed", "an admin's comment": "allowed", "a deleted account's comment": "allowed", "a resident's comment": "allowed" },
};

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

async function makeActor(actor: Actor) {
  return makeUser(app.db, { role: actor, createdAt: daysAgo(400) });
}

async function makeAccountTarget(target: AccountTarget, actor: { id: number }) {
  if (target === "own account") return actor;
  const role = target === "another moderator" ? "moderator" : target === "an admin" ? "admin" : "resident";
  const user = await makeUser(app.db, { role, createdAt: daysAgo(200) });
  if (target === "a deleted account") await deleteAccount(app.db, user.id);
  return user;
}

/** Everything a refused action must leave as it was. */
async function accountState(userId: number) {
  const [user, sanctions, notes, log] = await Promise.all([
    app.db.selectFrom("user").selectAll().where("id", "=", userId).executeTakeFirstOrThrow(),
    app.db.selectFrom("user_sanction").selectAll().where("user_id", "=", userId).orderBy("id").execute(),
    app.db.selectFrom("user_note").selectAll().where("user_id", "=", userId).orderBy("id").execute(),
    logRows(app.db, { userId }),
  ]);
  return { user, sanctions, notes, log };
}

/** A sanction in force on the account, given by someone else, for the lift action to lift. */
async function sanctionInForce(userId: number) {
  const giver = await makeUser(app.db, { role: "admin" });
  const row = await app.db
    .insertInto("user_sanction")
    .values({ user_id: userId, kind: "warn", rule_number: 1, note: "", created_by: giver.id, created_at: new Date().toISOString(), ends_at: null, acknowledged_at: null, lifted_at: null, lifted_by: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

interface AccountAction {
  name: string;
  action: string;
  prepare?: (userId: number) => Promise<Record<string, string>>;
  fields: Record<string, string>;
}

const ACCOUNT_ACTIONS: AccountAction[] = [
  { name: "warn", action: "warn_user", fields: { intent: "sanction", kind: "warn", ruleNumber: "1" } },
  { name: "pre-moderate", action: "premoderate_user", fields: { intent: "sanction", kind: "premoderate", ruleNumber: "1" } },
  { name: "suspend", action: "suspend_user", fields: { intent: "sanction", kind: "suspend", ruleNumber: "1", days: "7" } },
  { name: "ban", action: "ban_user", fields: { intent: "sanction", kind: "ban", ruleNumber: "2" } },
  { name: "lift a sanction", action: "lift_sanction", fields: { intent: "lift" }, prepare: async (userId) => ({ sanctionId: String(await sanctionInForce(userId)) }) },
  { name: "trust", action: "trust_user", fields: { intent: "trust" } },
  {
    name: "untrust",
    action: "untrust_user",
    fields: { intent: "untrust" },
    prepare: async (userId) => {
      await app.db.updateTable("user").set({ trusted: 1 }).where("id", "=", userId).where("status", "!=", "deleted").execute();
      return {};
    },
  },
  { name: "write a private note", action: "note_user", fields: { intent: "note", body: "Seen arguing in three threads." } },
];

async function expectRefusal(response: Response, message: RegExp) {
  expect([400, 403, 404]).toContain(response.status);
  expect(await response.text()).toMatch(message);
}

describe.each<Actor>(["moderator", "admin"])("as %s, on accounts", (actorRole) => {
  for (const spec of ACCOUNT_ACTIONS) {
    describe(spec.name, () => {
      for (const target of ACCOUNT_TARGETS) {
        const expected = ACCOUNT_RULES[actorRole][target];
        it(`on ${target}: ${expected}`, async () => {
          const actor = await makeActor(actorRole);
          const user = await makeAccountTarget(target, actor);
          const extra = spec.prepare ? await spec.prepare(user.id) : {};
          const before = await accountState(user.id);
          const response = await app.post(`/moderation/users/${user.id}`, { ...spec.fields, ...extra }, { as: actor });
          const after = await accountState(user.id);
          if (expected === "allowed") {
            expect(response.status).toBe(200);
            expect(after).not.toEqual(before);
            const logged = after.log.filter((row) => !before.log.some((old) => old.id === row.id));
            expect(logged).toEqual([expect.objectContaining({ moderator_id: actor.id, user_id: user.id, action: spec.action })]);
          } else {
            await expectRefusal(response, /own account|no longer exists|Only an admin can act/);
            expect(after).toEqual(before);
          }
        });
      }
    });
  }

  describe("change role", () => {
    for (const target of ACCOUNT_TARGETS) {
      const expected = ROLE_RULES[actorRole][target];
      it(`on ${target}: ${expected}`, async () => {
        const actor = await makeActor(actorRole);
        const user = await makeAccountTarget(target, actor);
        const before = await accountState(user.id);
        const role = before.user.role === "moderator" ? "resident" : "moderator";
        const response = await app.post("/admin/users", { userId: String(user.id), role }, { as: actor });
        const after = await accountState(user.id);
        if (expected === "allowed") {
          expect(response.status).toBe(200);
          expect(after.user.role).toBe(role);
          const logged = after.log.filter((row) => !before.log.some((old) => old.id === row.id));
          expect(logged).toEqual([expect.objectContaining({ moderator_id: actor.id, user_id: user.id, action: "change_role" })]);
        } else {
          await expectRefusal(response, /your own admin role|no longer exists|permission|not allowed|Forbidden|403/i);
          expect(after).toEqual(before);
        }
      });
    }
  });
});

async function makeCommentTarget(target: CommentTarget, actor: { id: number }, status: "visible" | "pending" | "removed") {
  const article = await makeArticle(app.db);
  let authorId = actor.id;
  if (target !== "own comment") {
    const role = target === "a moderator's comment" ? "moderator" : target === "an admin's comment" ? "admin" : "resident";
    authorId = (await makeUser(app.db, { role, createdAt: daysAgo(200) })).id;
  }
  const comment = await makeComment(app.db, { articleId: article.id, authorId, bodySource: `Words by ${target}`, status });
  if (target === "a deleted account's comment") await deleteAccount(app.db, authorId);
  return { article, comment, authorId };
}

async function commentState(commentId: number, articleId: number) {
  const [comment, article, log, reports] = await Promise.all([
    app.db.selectFrom("comment").selectAll().where("id", "=", commentId).executeTakeFirstOrThrow(),
    app.db.selectFrom("article").select(["comment_count"]).where("id", "=", articleId).executeTakeFirstOrThrow(),
    logRows(app.db, { commentId }),
    app.db.selectFrom("comment_report").selectAll().where("comment_id", "=", commentId).execute(),
  ]);
  return { comment, article, log, reports };
}

interface CommentAction {
  name: string;
  path: (commentId: number) => string;
  fields: (commentId: number) => Record<string, string>;
  status: "visible" | "pending" | "removed";
  featured?: boolean;
  actions: string[];
}

const COMMENT_ACTIONS: CommentAction[] = [
  { name: "approve a held comment (comment page)", path: (id) => `/moderation/comments/${id}`, fields: () => ({ intent: "approve" }), status: "pending", actions: ["approve_comment"] },
  { name: "reject a held comment (comment page)", path: (id) => `/moderation/comments/${id}`, fields: () => ({ intent: "reject", ruleNumber: "1" }), status: "pending", actions: ["reject_comment"] },
  { name: "remove a visible comment (comment page)", path: (id) => `/moderation/comments/${id}`, fields: () => ({ intent: "reject", ruleNumber: "3" }), status: "visible", actions: ["remove_comment"] },
  { name: "restore a removed comment", path: (id) => `/moderation/comments/${id}`, fields: () => ({ intent: "restore" }), status: "removed", actions: ["restore_comment"] },
  { name: "feature a comment", path: (id) => `/moderation/comments/${id}`, fields: () => ({ intent: "feature" }), status: "visible", actions: ["feature_comment"] },
  { name: "stop featuring a comment", path: (id) => `/moderation/comments/${id}`, fields: () => ({ intent: "unfeature" }), status: "visible", featured: true, actions: ["unfeature_comment"] },
  { name: "approve from the queue", path: () => "/moderation?index", fields: (id) => ({ intent: "approve", commentId: String(id) }), status: "pending", actions: ["approve_comment"] },
  { name: "reject from the queue", path: () => "/moderation?index", fields: (id) => ({ intent: "reject", commentId: String(id), ruleNumber: "1" }), status: "pending", actions: ["reject_comment"] },
  { name: "approve selected in the queue", path: () => "/moderation?index", fields: (id) => ({ intent: "approve-selected", commentIds: String(id) }), status: "pending", actions: ["approve_comment"] },
];

describe.each<Actor>(["moderator", "admin"])("as %s, on comments", (actorRole) => {
  for (const spec of COMMENT_ACTIONS) {
    describe(spec.name, () => {
      for (const target of COMMENT_TARGETS) {
        const expected = COMMENT_RULES[actorRole][target];
        it(`on ${target}: ${expected}`, async () => {
          const actor = await makeActor(actorRole);
          const { article, comment } = await makeCommentTarget(target, actor, spec.status);
          if (spec.featured) await app.db.updateTable("comment").set({ featured_at: new Date().toISOString() }).where("id", "=", comment.id).execute();
          const before = await commentState(comment.id, article.id);
          const response = await app.post(spec.path(comment.id), spec.fields(comment.id), { as: actor });
          const after = await commentState(comment.id, article.id);
          if (expected === "allowed") {
            expect(response.status).toBe(200);
            expect(after.comment).not.toEqual(before.comment);
            expect(after.log.slice(before.log.length)).toEqual(spec.actions.map((action) => expect.objectContaining({ moderator_id: actor.id, comment_id: comment.id, action })));
          } else {
            await expectRefusal(response, /your own comments/);
            expect(after).toEqual(before);
          }
        });
      }
    });
  }
});
