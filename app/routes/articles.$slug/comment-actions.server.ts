import { isId, MAX_ID } from "~/utils/http";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { REPORT_REASONS } from "../../../db/schema";
import { requireUser } from "../../auth/guards.server";
import { db } from "../../db.server";
import {
  CommentRuleError,
  EditWindowClosedError,
  deleteOwnComment,
  editOwnComment,
  postComment,
  toggleLike,
} from "../../models/comment/posting.server";
import { CommentParentError } from "../../models/comment/writing.server";
import { locateThreadPage, neighbourOf } from "../../models/comment/thread-page.server";
import { discussionPlace } from "../../models/comment/discussion.server";
import { reportComment, REPORT_NOTE_MAX_LENGTH } from "../../models/comment/report.server";
import { sendReplyEmail } from "../../models/comment/reply-email.server";
import { siteOrigin } from "../../utils/site-origin.server";
import { acknowledgeWarning } from "../../models/moderation/sanction.server";
import { parseForm, formValue, formValues, type FieldErrors, type FieldLimits } from "../../utils/forms";
import { COMMENT_MAX_LENGTH, REPORT_THANKS } from "../../utils/comment-rules";
import { isRestrictedNow, restrictionHeadline, STILL_READ } from "../../utils/standing";

/**
 * What the story page's comment forms post: one action, an `intent` per form. Forms sent by the
 * browser without JavaScript get a redirect to the result; forms sent by the page's scripts carry
 * js=1 and get data back, so the page updates in place.
 */
export interface CommentActionResult {
  ok: boolean;
  intent: string;
  targetId: number | null; // the comment the form was about (the parent for a reply)
  commentId?: number; // the comment made or changed
  errors?: FieldErrors;
  values?: Record<string, string>;
  message?: string;
  liked?: boolean;
  likeCount?: number;
  /** An edit after its window: the kept text may be posted as a new comment or reply here. */
  repost?: { intent: "comment" | "reply"; parentId: number | null };
}

const id = z.coerce.number({ message: "Something was missing from the form." }).int().positive().max(MAX_ID);
const body = z.string({ message: "Write something before posting: the comment is empty." });

const schemas = {
  comment: z.object({ body }),
  reply: z.object({ body, parentId: id }),
  edit: z.object({ body, commentId: id }),
  // "confirm": the question before a deletion was answered (pages without JavaScript ask it first).
  delete: z.object({ commentId: id, confirm: z.literal("1").optional() }),
  // "set": what the button asked for; forms from pages rendered before it existed toggle.
  like: z.object({ commentId: id, set: z.enum(["like", "unlike"]).optional() }),
  acknowledge: z.object({ sanctionId: id }),
  report: z.object({
    commentId: id,
    reason: z.enum(REPORT_REASONS, { message: "Choose the reason that fits best." }),
    note: z.string().max(REPORT_NOTE_MAX_LENGTH, `Keep the note under ${REPORT_NOTE_MAX_LENGTH} characters.`).default(""),
  }),
} as const;
type Intent = keyof typeof schemas;
/** How much of what was typed a failed form gets back: the comment's text is checked by the model. */
const limits: FieldLimits = { body: COMMENT_MAX_LENGTH, note: REPORT_NOTE_MAX_LENGTH };

interface StoryForComments {
  id: number;
  slug: string;
  commentsOpen: boolean;
}

function result(payload: CommentActionResult, status = 200) {
  return data(payload, { status });
}

export async function handleCommentAction(request: Request, story: StoryForComments) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formValue(formData, "intent") as Intent;
  const fromScript = formData.get("js") === "1";
  const rawTarget = Number(formData.get("parentId") ?? formData.get("commentId") ?? NaN);
  const targetId = isId(rawTarget) ? rawTarget : null;
  if (!Object.hasOwn(schemas, intent)) {
    return result({ ok: false, intent, targetId, message: "That form could not be understood. Reload the page and try again." }, 400);
  }
  const parsed = parseForm(schemas[intent], formData, { limits });
  if (!parsed.ok) return result({ ok: false, intent, targetId, errors: parsed.errors, values: parsed.values }, 400);

  const back = (commentId: number, page = 1) =>
    redirect(`/articles/${story.slug}${page > 1 ? `?page=${page}` : ""}#comment-${commentId}`);
  // Without JavaScript, back to the page the form came from: the story's page in the order and at the
  // page it showed (its address carries them), or a page of this story's rendered for the reader (a
  // comment's own page, "Your comments here": `from`); with a parameter of the answer's own
  // (?reported=, ?delete=) beside them.
  const url = new URL(request.url);
  const storyPath = `/articles/${story.slug}`;
  const from = returnPathOf(url.searchParams.get("from"), storyPath);
  const backHere = (fragment: string, extra?: string, path = from) => {
    const query = [path === storyPath ? discussionPlace(url) : "", extra].filter(Boolean).join("&");
    return redirect(`${path}${query ? `?${query}` : ""}#${fragment}`);
  };
  const fail = (error: CommentRuleError | CommentParentError) => {
    const field = error instanceof CommentRuleError ? error.field : "form";
    return result(
      {
        ok: false,
        intent,
        targetId,
        errors: field === "form" ? undefined : { [field]: error.message },
        message: field === "form" ? error.message : undefined,
        values: formValues(formData, limits),
        ...(error instanceof EditWindowClosedError
          ? { repost: { intent: error.parentId === null ? ("comment" as const) : ("reply" as const), parentId: error.parentId } }
          : {}),
      },
      error instanceof CommentRuleError && error.message.startsWith("You have posted") ? 429 : 400,
    );
  };

  try {
    switch (intent) {
      case "comment":
      case "reply": {
        if (!story.commentsOpen) throw new CommentRuleError("Comments are closed on this story.", "form");
        const values = parsed.data as { body: string; parentId?: number };
        const comment = await postComment(db, {
          articleId: story.id,
          author: user,
          parentId: values.parentId ?? null,
          bodySource: values.body,
        });
        if (comment.parent_id !== null && comment.status === "visible") {
          await sendReplyEmail(db, siteOrigin(request), comment).catch(logMailFailure);
        }
        if (fromScript) return result({ ok: true, intent, targetId, commentId: comment.id });
        // Held for a moderator: only its author sees it, on pages rendered for them (ADR 18).
        if (comment.status !== "visible") return redirect(`/articles/${story.slug}/comments/${comment.id}#comment-${comment.id}`);
        return back(comment.id, await locateThreadPage(db, story.id, comment.root_id ?? comment.id, user.id));
      }
      case "edit": {
        const values = parsed.data as { body: string; commentId: number };
        const comment = await editOwnComment(db, { commentId: values.commentId, author: user, bodySource: values.body });
        if (fromScript) return result({ ok: true, intent, targetId, commentId: comment.id });
        return back(comment.id, await locateThreadPage(db, story.id, comment.root_id ?? comment.id, user.id));
      }
      case "delete": {
        const { commentId, confirm } = parsed.data as { commentId: number; confirm?: "1" };
        // Without JavaScript the question comes first, beside the comment, on the reader's own page.
        if (!fromScript && confirm !== "1") return backHere(`comment-${commentId}`, `delete=${commentId}`);
        const neighbour = fromScript ? null : await neighbourOf(db, commentId);
        await deleteOwnComment(db, { commentId, authorId: user.id });
        if (fromScript) return result({ ok: true, intent, targetId, commentId });
        // The deleted comment's own page may be gone with it: then back to the story's page.
        const path = from === `${storyPath}/comments/${commentId}` ? storyPath : from;
        return backHere(neighbour === null ? "comments" : `comment-${neighbour}`, undefined, path);
      }
      case "acknowledge": {
        const { sanctionId } = parsed.data as { sanctionId: number };
        await acknowledgeWarning(db, { userId: user.id, sanctionId });
        if (fromScript) return result({ ok: true, intent, targetId: null });
        return redirect(`/articles/${story.slug}#comment-form`);
      }
      case "like": {
        const { commentId, set } = parsed.data as { commentId: number; set?: "like" | "unlike" };
        assertMayInteract(user);
        const outcome = await toggleLike(db, { commentId, userId: user.id, articleId: story.id, set });
        if (fromScript) return result({ ok: true, intent, targetId, commentId, ...outcome });
        return backHere(`comment-${commentId}`);
      }
      case "report": {
        const values = parsed.data as { commentId: number; reason: (typeof REPORT_REASONS)[number]; note: string };
        assertMayInteract(user);
        await reportComment(db, {
          commentId: values.commentId,
          reporterId: user.id,
          articleId: story.id,
          reason: values.reason,
          note: values.note,
        });
        if (!fromScript) return backHere(`comment-${values.commentId}`, `reported=${values.commentId}`);
        return result({ ok: true, intent, targetId, commentId: values.commentId, message: REPORT_THANKS });
      }
    }
  } catch (error) {
    if (error instanceof CommentRuleError || error instanceof CommentParentError) return fail(error);
    throw error;
  }
}

/** A page of this story's that a form may return to (a comment's own page, "Your comments here"), else the story's page. */
function returnPathOf(from: string | null, storyPath: string): string {
  if (from === `${storyPath}/yours`) return from;
  const prefix = `${storyPath}/comments/`;
  if (from?.startsWith(prefix) && /^\d{1,12}$/.test(from.slice(prefix.length))) return from;
  return storyPath;
}

/**
 * Banned and suspended residents may still read, but not like or report; nor may accounts whose email
 * is not confirmed, so that throwaway accounts cannot hide a comment by reporting it together.
 */
function assertMayInteract(user: { status: string; statusUntil: string | null; emailVerified: boolean }) {
  if (isRestrictedNow(user)) {
    const kind = user.status === "banned" ? "ban" : "suspend";
    throw new CommentRuleError(`${restrictionHeadline({ kind, until: user.statusUntil })}. ${STILL_READ}`, "form");
  }
  if (!user.emailVerified) {
    throw new CommentRuleError("Please confirm your email address before liking or reporting comments.", "form");
  }
}

function logMailFailure(error: unknown) {
  console.error("The reply notification email could not be sent:", error);
}
