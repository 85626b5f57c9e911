import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { FormError } from "~/components/form-field";
import { ModerationCommentContext } from "~/components/moderation-comment";
import { DecidedSinceNotice, DecisionFields, type DecisionResult } from "~/components/moderation-decision";
import { ModerationNav } from "~/components/moderation-parts";
import { ModerationLogTable, type UndoResult } from "~/components/moderation-log-table";
import { db } from "~/db.server";
import { siteOrigin } from "~/utils/site-origin.server";
import { withNoticesMailed } from "~/models/moderation/notice.server";
import { listModerationLog } from "~/models/moderation/log.server";
import { ALL_REPLIES, loadQueueItems } from "~/models/moderation/queue.server";
import {
  approveComment,
  ModerationError,
  rejectComment,
  restoreComment,
  setCommentFeatured,
} from "~/models/moderation/decision.server";
import { StaleDecisionError } from "~/models/moderation/stale-decision.server";
import { listPresence, recordCommentOpened } from "~/models/moderation/claim.server";
import { listUndoableEntries, undoDecision } from "~/models/moderation/undo.server";
import { PresenceNote } from "~/components/moderation-presence";
import { listTermsRules } from "~/models/terms.server";
import { formValue, formValues, parseForm, type FieldLimits } from "~/utils/forms";
import { MODERATION_NOTE_MAX } from "~/utils/moderation-limits";
import { notFound, parseId, MAX_ID } from "~/utils/http";
import { nowIso } from "~/utils/time";
import type { Role } from "../../db/schema";

export const meta: MetaFunction = () => [{ title: "Moderate a comment" }, { name: "robots", content: "noindex" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  // Moderators and admins only.
  const user = await requirePermission(request, "moderate:comment");
  const id = parseId(params.id);
  if (!id) throw notFound("There is no such comment.");
  const [items, history, rules] = await Promise.all([
    // All its replies when asked ("Show all N replies" in a preview), else the first few.
    loadQueueItems(db, [id], new URL(request.url).searchParams.get("replies") === "all" ? { replies: ALL_REPLIES } : {}),
    listModerationLog(db, { filters: { commentId: id }, page: 1, pageSize: 100 }),
    listTermsRules(db),
  ]);
  const item = items[0];
  if (!item) throw notFound("There is no such comment.");
  // Opening a comment tells the other moderators' queues who is looking at it.
  const now = nowIso();
  await recordCommentOpened(db, { moderatorId: user.id, commentId: id, now });
  const [presence, undoable] = await Promise.all([
    listPresence(db, { commentIds: [id], now }),
    listUndoableEntries(db, { entryIds: history.entries.map((entry) => entry.id), moderatorId: user.id, now }),
  ]);
  return {
    item,
    undoable,
    presence: presence[id] ?? [],
    history: history.entries,
    rules: rules.map(({ number, title }) => ({ number, title })),
    viewer: { id: user.id, isAdmin: user.role === "admin" },
    now,
  };
}

const note = z.string().trim().max(MODERATION_NOTE_MAX, `Keep the note under ${MODERATION_NOTE_MAX.toLocaleString("en-GB")} characters.`).default("");
/** What the page showed of the comment (decisionStamp); absent from tools that post without a page. */
const shown = z.preprocess((value) => (value === "" ? undefined : value), z.string().max(40).optional());
const schemas = {
  approve: z.object({ shown, note }),
  reject: z.object({
    shown,
    ruleNumber: z
      .string({ error: "Choose the rule of the terms of posting that the comment breaks." })
      .trim()
      .min(1, "Choose the rule of the terms of posting that the comment breaks.")
      .pipe(z.coerce.number<string>().int().positive("Choose a rule from the list.").max(MAX_ID, "Choose a rule from the list.")),
    note,
  }),
  restore: z.object({ shown, note }),
  feature: z.object({}),
  unfeature: z.object({}),
};
type Intent = keyof typeof schemas;
const limits: FieldLimits = { note: MODERATION_NOTE_MAX };

const DONE: Record<Intent, string> = {
  approve: "Approved the comment.",
  reject: "Took the comment down.",
  restore: "Restored the comment: it is published again.",
  feature: "Featured the comment above the story's thread.",
  unfeature: "The comment is no longer featured.",
};

export async function action(args: ActionFunctionArgs) {
  // Whatever the action told residents goes by email too (issue 29 part 4).
  return withNoticesMailed(db, siteOrigin(args.request), () => decide(args));
}

async function decide({ params, request }: ActionFunctionArgs) {
  // Moderators and admins only; the model refuses decisions on one's own comments.
  const user = await requirePermission(request, "moderate:comment");
  const moderator = { id: user.id, role: user.role };
  const commentId = parseId(params.id);
  if (!commentId) throw notFound("There is no such comment.");
  const formData = await request.formData();
  const intent = formValue(formData, "intent");
  if (intent === "undo") return undo(moderator, formData);
  const fail = (errors: Record<string, string>, values: Record<string, string> = formValues(formData, limits)) =>
    data<DecisionResult>({ ok: false, intent, commentId, errors, values }, { status: 400 });
  if (!Object.hasOwn(schemas, intent)) return fail({ form: "Choose what to do with the comment." });
  const parsed = parseForm(schemas[intent as Intent], formData, { limits });
  if (!parsed.ok) return fail(parsed.errors, parsed.values);
  const input = parsed.data as { shown?: string; note?: string; ruleNumber?: number };
  const shownInput = input.shown;
  try {
    if (intent === "approve") await approveComment(db, { moderator, commentId, shown: shownInput, note: input.note });
    else if (intent === "reject") {
      await rejectComment(db, { moderator, commentId, shown: shownInput, ruleNumber: input.ruleNumber ?? null, note: input.note });
    } else if (intent === "restore") await restoreComment(db, { moderator, commentId, shown: shownInput, note: input.note });
    else await setCommentFeatured(db, { moderator, commentId, featured: intent === "feature" });
  } catch (error) {
    if (error instanceof StaleDecisionError) {
      return data<DecisionResult>(
        { ok: false, intent, commentId, errors: { form: error.message }, values: formValues(formData, limits), decidedSince: error.decidedSince },
        { status: 409 },
      );
    }
    if (error instanceof ModerationError) return fail({ form: error.message });
    throw error;
  }
  return data<DecisionResult>({
    ok: true,
    intent,
    commentIds: [commentId],
    decision: intent === "reject" ? "rejected" : "approved",
    message: DONE[intent as Intent],
  });
}

/** Undo one's own recent decision, from the comment's history (undo.server.ts). */
async function undo(moderator: { id: number; role: Role }, formData: FormData) {
  const entryId = parseId(String(formData.get("entryId") ?? ""));
  if (entryId === null) return data<UndoResult>({ intent: "undo", entryId, ok: false, message: "Choose a decision to undo." }, { status: 400 });
  try {
    await undoDecision(db, { moderator, entryId });
  } catch (error) {
    if (error instanceof ModerationError) return data<UndoResult>({ intent: "undo", entryId, ok: false, message: error.message }, { status: 400 });
    throw error;
  }
  return data<UndoResult>({ intent: "undo", entryId, ok: true, message: "Undone: the comment is back as it was." });
}

export default function ModerateCommentPage() {
  const { item, presence, undoable, history, rules, viewer, now } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // Undo answers beside its entry in the history; everything else here is a decision.
  const undoAnswer = answer?.intent === "undo" ? (answer as UndoResult) : undefined;
  const result = answer?.intent === "undo" ? undefined : (answer as DecisionResult | undefined);
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const failed = result && !result.ok ? result : undefined;
  const since = failed?.decidedSince?.[0];
  const own = item.author.id === viewer.id;
  const live = item.status === "pending" || item.status === "visible";
  return (
    <div className="moderation-page">
      <ModerationNav isAdmin={viewer.isAdmin} current="" />
      <h1>Moderate a comment by {item.author.displayName}</h1>
      {result?.ok ? (
        <div className="notice notice--success" role="status">
          <p>{result.message}</p>
        </div>
      ) : null}
      {failed && !since && failed.intent !== "approve" && failed.intent !== "reject" ? <FormError message={failed.errors.form} /> : null}

      <article className="moderation-item moderation-item--single" aria-labelledby="comment-heading">
        <ModerationCommentContext item={item} now={now} headingId="comment-heading" />
        <div className="moderation-item__actions">
          <PresenceNote presence={presence} viewerId={viewer.id} now={now} />
          {own ? (
            <p className="moderation-item__own">This is your own comment: another moderator has to decide on it.</p>
          ) : (
            <>
              {failed && since ? <DecidedSinceNotice failed={failed} since={since} form={Form} /> : null}
              {live ? (
                <Form method="post" className="moderation-decision" key={item.stamp}>
                  <DecisionFields
                    commentId={item.id}
                    authorName={item.author.displayName}
                    stamp={item.stamp}
                    rules={rules}
                    failed={!since && failed && (failed.intent === "approve" || failed.intent === "reject") ? failed : undefined}
                    busy={busy}
                  />
                </Form>
              ) : null}
              {item.status === "rejected" || item.status === "removed" ? (
                <Form method="post" className="moderation-restore">
                  <input type="hidden" name="shown" value={item.stamp} />
                  <div className="field">
                    <label htmlFor="restore-note">Note for the log (optional)</label>
                    <input id="restore-note" name="note" type="text" maxLength={MODERATION_NOTE_MAX} />
                  </div>
                  <button type="submit" name="intent" value="restore" disabled={busy}>
                    Restore the comment
                  </button>
                </Form>
              ) : null}
              {item.status === "visible" ? (
                <Form method="post" className="moderation-feature">
                  {item.featured ? (
                    <button type="submit" name="intent" value="unfeature" className="button--secondary" disabled={busy}>
                      Stop featuring
                    </button>
                  ) : (
                    <button type="submit" name="intent" value="feature" className="button--secondary" disabled={busy}>
                      Feature this comment
                    </button>
                  )}
                </Form>
              ) : null}
            </>
          )}
          <p className="moderation-item__links">
            <Link to={`/moderation/stories/${item.article.id}`}>Comments on this story: close, reopen, pre-moderate</Link>
            {" · "}
            <Link to={`/moderation/users/${item.author.id}`}>The author’s account</Link>
          </p>
        </div>
      </article>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {history.length === 0 ? <p>No moderator has acted on this comment yet.</p> : (
          <ModerationLogTable entries={history} caption="Actions on this comment" undoable={undoable} undoResult={undoAnswer} />
        )}
      </section>
    </div>
  );
}
