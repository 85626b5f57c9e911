import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type ElementType } from "react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { useHydrated } from "~/components/comment-forms";
import { FormError } from "~/components/form-field";
import { DecidedSinceLine, DecidedSinceNotice, type DecisionResult } from "~/components/moderation-decision";
import type { ClaimResult } from "~/components/moderation-presence";
import { countsAfterOwnDecisions, QueueChangedNotice, useLiveQueueCounts } from "~/components/live-queue-counts";
import { QueueEntry } from "~/components/moderation-queue-entry";
import { ModerationNav, plural, RuleSelect } from "~/components/moderation-parts";
import { db } from "~/db.server";
import { siteOrigin } from "~/utils/site-origin.server";
import { withNoticesMailed } from "~/models/moderation/notice.server";
import { approveComment, decideMany, ModerationError, rejectComment } from "~/models/moderation/decision.server";
import { StaleDecisionError } from "~/models/moderation/stale-decision.server";
import { claimComment, listPresence } from "~/models/moderation/claim.server";
import { listModerationQueue, readQueueTab, type QueueTab } from "~/models/moderation/queue.server";
import { listTermsRules } from "~/models/terms.server";
import { formValue, formValues, parseForm, type FieldLimits } from "~/utils/forms";
import { MODERATION_NOTE_MAX } from "~/utils/moderation-limits";
import { pageFromUrl, MAX_ID } from "~/utils/http";
import { nowIso } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Moderation queue" }, { name: "robots", content: "noindex" }];

const TAB_LABELS: Record<QueueTab, string> = {
  reported: "Reported",
  held: "Held",
  recent: "All recent",
  decided: "Decided",
};

const TABS = Object.keys(TAB_LABELS) as QueueTab[];

const EMPTY: Record<QueueTab, string> = {
  reported: "No open reports. Nothing to look at here.",
  held: "No comments are waiting for a moderator.",
  recent: "No comments yet.",
  decided: "No decisions yet.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  // Moderators and admins only.
  const user = await requirePermission(request, "moderate:comment");
  const tab = readQueueTab(new URL(request.url).searchParams.get("tab"));
  const [queue, rules] = await Promise.all([
    listModerationQueue(db, { tab, page: pageFromUrl(request) }),
    listTermsRules(db),
  ]);
  const now = nowIso();
  const presence = await listPresence(db, { commentIds: queue.items.map((item) => item.id), now });
  return {
    ...queue,
    presence,
    rules: rules.map(({ number, title }) => ({ number, title })),
    viewer: { id: user.id, isAdmin: user.role === "admin" },
    now,
  };
}

const commentId = z.coerce
  .number({ error: "Something was missing from the form." })
  .int()
  .positive("Something was missing from the form.")
  .max(MAX_ID, "Something was missing from the form.");
const ruleNumber = z
  .string({ error: "Choose the rule of the terms of posting that the comment breaks." })
  .trim()
  .min(1, "Choose the rule of the terms of posting that the comment breaks.")
  .pipe(z.coerce.number<string>().int().positive("Choose a rule from the list.").max(MAX_ID, "Choose a rule from the list."));
const note = z.string().trim().max(MODERATION_NOTE_MAX, `Keep the note under ${MODERATION_NOTE_MAX.toLocaleString("en-GB")} characters.`).default("");
const limits: FieldLimits = { note: MODERATION_NOTE_MAX };
/** What the page showed of the comment (decisionStamp); absent from tools that post without a page. */
const shown = z.preprocess((value) => (value === "" ? undefined : value), z.string().max(40).optional());
const commentIds = z.preprocess(
  (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(commentId).min(1, "Select at least one comment first.").max(100, "Decide on at most 100 comments at once."),
);

const decisionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("approve"), commentId, shown, note }),
    z.object({ intent: z.literal("reject"), commentId, shown, ruleNumber, note }),
    z.object({ intent: z.literal("approve-selected"), commentIds, note }),
    z.object({ intent: z.literal("reject-selected"), commentIds, ruleNumber, note }),
  ],
  { error: "Choose Approve or Reject." },
);

function failure(intent: string, id: number | null, errors: Record<string, string>, values: Record<string, string> = {}) {
  // An unknown intent is a message about the whole form, not about a field.
  const { intent: intentError, ...fieldErrors } = errors;
  const form = fieldErrors.form ?? intentError;
  return data<DecisionResult>(
    { ok: false, intent, commentId: id, errors: form ? { ...fieldErrors, form } : fieldErrors, values },
    { status: 400 },
  );
}

/** Decided since the page was loaded: 409, with who decided what and when, for each comment. */
function decidedSince(intent: string, id: number | null, error: StaleDecisionError, formData: FormData, selected?: number[]) {
  return data<DecisionResult>(
    {
      ok: false,
      intent,
      commentId: id,
      errors: { form: error.message },
      values: formValues(formData, limits),
      decidedSince: error.decidedSince,
      selected,
    },
    { status: 409 },
  );
}

export async function action(args: ActionFunctionArgs) {
  // Whatever the action told residents goes by email too (issue 29 part 4).
  return withNoticesMailed(db, siteOrigin(args.request), () => decide(args));
}

async function decide({ request }: ActionFunctionArgs) {
  // Moderators and admins only; the model refuses decisions on one's own comments.
  const user = await requirePermission(request, "moderate:comment");
  const moderator = { id: user.id, role: user.role };
  const formData = await request.formData();
  const intent = formValue(formData, "intent");
  const rawId = Number(formData.get("commentId")) || null;
  if (intent === "claim") return claim(moderator.id, formData);
  const parsed = parseForm(decisionSchema, formData, { limits });
  if (!parsed.ok) return failure(intent, rawId, parsed.errors, parsed.values);
  const input = parsed.data;
  const ids = "commentIds" in input ? [...new Set(input.commentIds)] : [];
  try {
    if (input.intent === "approve") {
      await approveComment(db, { moderator, commentId: input.commentId, shown: input.shown, note: input.note });
      return data<DecisionResult>({
        ok: true,
        intent,
        commentIds: [input.commentId],
        decision: "approved",
        message: "Approved the comment.",
      });
    }
    if (input.intent === "reject") {
      await rejectComment(db, { moderator, commentId: input.commentId, shown: input.shown, ruleNumber: input.ruleNumber, note: input.note });
      return data<DecisionResult>({
        ok: true,
        intent,
        commentIds: [input.commentId],
        decision: "rejected",
        message: `Rejected the comment under rule ${input.ruleNumber}.`,
      });
    }
    const decision = input.intent === "approve-selected" ? "approve" : "reject";
    const count = await decideMany(db, {
      moderator,
      commentIds: ids,
      decision,
      // Each item's stamp rides in the bulk form beside its Select box.
      shown: Object.fromEntries(ids.map((id) => [id, stringField(formData, `shown-${id}`)])),
      ruleNumber: input.intent === "reject-selected" ? input.ruleNumber : null,
      note: input.note,
    });
    return data<DecisionResult>({
      ok: true,
      intent,
      commentIds: ids,
      decision: decision === "approve" ? "approved" : "rejected",
      message: `${decision === "approve" ? "Approved" : "Rejected"} ${plural(count, "comment")}.`,
    });
  } catch (error) {
    if (error instanceof StaleDecisionError) {
      return intent.endsWith("-selected") ? decidedSince(intent, null, error, formData, ids) : decidedSince(intent, rawId, error, formData);
    }
    if (error instanceof ModerationError) {
      return failure(intent, intent.endsWith("-selected") ? null : rawId, { form: error.message }, formValues(formData, limits));
    }
    throw error;
  }
}

const claimSchema = z.object({ commentId });

/** Claim: the other moderators' queues say this comment is being dealt with. */
async function claim(moderatorId: number, formData: FormData) {
  const parsed = parseForm(claimSchema, formData);
  if (!parsed.ok) return data<ClaimResult>({ ok: false, intent: "claim", commentId: null, errors: parsed.errors }, { status: 400 });
  const { commentId } = parsed.data;
  try {
    await claimComment(db, { moderatorId, commentId });
  } catch (error) {
    if (error instanceof ModerationError) {
      return data<ClaimResult>({ ok: false, intent: "claim", commentId, errors: { form: error.message } }, { status: 400 });
    }
    throw error;
  }
  return data<ClaimResult>({ ok: true, intent: "claim", commentId, message: "Claimed: the other moderators see you are on it." });
}

function stringField(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" && value !== "" && value.length <= 40 ? value : undefined;
}

/**
 * Decisions taken here leave the list as it was, each item saying what was decided, so a moderator's
 * place does not jump under the keyboard. Changing tab or page reads the queue afresh.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, formAction, defaultShouldRevalidate }) => {
  if (formMethod?.toUpperCase() === "POST" && formAction?.startsWith("/moderation?")) return false;
  return defaultShouldRevalidate;
};

const SINGLE_KEY_ALLOWED = "parley:moderation-single-key";

/**
 * A single key that publishes a comment is easy to press by mistake: the first time in a session the
 * moderator is asked once (a native dialog, answered from the keyboard), and a decision taken by mistake
 * can still be undone from the log.
 */
function singleKeyAllowed(): boolean {
  try {
    if (window.sessionStorage.getItem(SINGLE_KEY_ALLOWED) === "yes") return true;
  } catch {
    // Storage refused (private mode): ask each time instead.
  }
  const allowed = window.confirm(
    "Approve the focused comment with the single key a? You will not be asked again until you close this tab; " +
      "a decision can be undone from the moderation log for 10 minutes.",
  );
  if (allowed) {
    try {
      window.sessionStorage.setItem(SINGLE_KEY_ALLOWED, "yes");
    } catch {
      // As above.
    }
  }
  return allowed;
}

function queueHref(tab: QueueTab, page = 1) {
  const params = new URLSearchParams({ tab });
  if (page > 1) params.set("page", String(page));
  return `/moderation?${params}`;
}

/**
 * A bulk decision refused because some of its comments were decided since the page was loaded: which,
 * by whom and when, and the same decision again with what the moderator has now seen.
 */
function BulkDecidedSince({
  failed,
  items,
  form: FormTag,
}: {
  failed: Extract<DecisionResult, { ok: false }>;
  items: { id: number; author: { displayName: string } }[];
  form: ElementType;
}) {
  const since = failed.decidedSince ?? [];
  const selected = failed.selected ?? [];
  const undecidable = since.some((s) => s.status !== "pending" && s.status !== "visible");
  const nameOf = (id: number) => items.find((item) => item.id === id)?.author.displayName ?? `comment ${id}`;
  return (
    <div className="notice notice--error moderation-conflict" role="alert">
      <ul>
        {since.map((s) => (
          <li key={s.commentId}>
            <a href={`#queue-item-${s.commentId}`}>{`The comment by ${nameOf(s.commentId)}`}</a>: <DecidedSinceLine since={s} />
          </li>
        ))}
      </ul>
      {undecidable ? (
        <p>Untick the comments that are no longer held or published, then decide on the rest.</p>
      ) : (
        <FormTag method="post" className="moderation-conflict__confirm">
          {selected.map((id) => (
            <span key={id}>
              <input type="hidden" name="commentIds" value={id} />
              <input
                type="hidden"
                name={`shown-${id}`}
                value={since.find((s) => s.commentId === id)?.stamp ?? failed.values[`shown-${id}`] ?? ""}
              />
            </span>
          ))}
          {failed.values.ruleNumber ? <input type="hidden" name="ruleNumber" value={failed.values.ruleNumber} /> : null}
          {failed.values.note ? <input type="hidden" name="note" value={failed.values.note} /> : null}
          <button
            type="submit"
            name="intent"
            value={failed.intent}
            className={failed.intent === "reject-selected" ? "button--danger" : undefined}
          >
            {`${failed.intent === "reject-selected" ? "Reject" : "Approve"} all ${selected.length} anyway`}
          </button>
        </FormTag>
      )}
    </div>
  );
}

export default function ModerationQueuePage() {
  const { tab, items, page, hasNextPage, counts, rules, viewer, now, presence } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // A claim answers beside its item; everything else here is a decision.
  const claimAnswer = answer?.intent === "claim" ? (answer as ClaimResult) : undefined;
  const actionData = answer?.intent === "claim" ? undefined : (answer as DecisionResult | undefined);
  const bulk = useFetcher<DecisionResult>({ key: "queue-bulk" });
  const hydrated = useHydrated();
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLOListElement>(null);
  const liveCounts = useLiveQueueCounts(counts);

  const bulkResult = bulk.data ?? (actionData?.intent.endsWith("-selected") ? actionData : undefined);
  const bulkFailed = bulkResult && !bulkResult.ok ? bulkResult : undefined;
  const bulkSince = new Map((bulkFailed?.decidedSince ?? []).map((since) => [since.commentId, since]));
  const bulkDecided = new Map<number, "approved" | "rejected">();
  if (bulk.data?.ok) for (const id of bulk.data.commentIds) bulkDecided.set(id, bulk.data.decision);

  const itemNodes = useCallback(
    () => Array.from(listRef.current?.querySelectorAll<HTMLElement>("[data-queue-item]") ?? []),
    [],
  );
  const focusItem = useCallback(
    (index: number) => {
      const node = itemNodes()[index];
      if (!node) return;
      setActive(index);
      node.focus();
      node.scrollIntoView({ block: "nearest" });
    },
    [itemNodes],
  );

  // Decisions taken on this page, one item at a time (the bulk ones are bulk.data's).
  const [ownDecisions, setOwnDecisions] = useState<ReadonlyMap<number, "approved" | "rejected">>(new Map());
  const decidedHere = new Map([...ownDecisions, ...bulkDecided]);

  // After a decision, the next item takes the focus, so the keyboard can go on down the queue.
  const onDecided = useCallback(
    (commentId: number, decision: "approved" | "rejected") => {
      setOwnDecisions((before) => new Map(before).set(commentId, decision));
      const nodes = itemNodes();
      const index = nodes.findIndex((node) => node.dataset.queueItem === String(commentId));
      if (index >= 0 && index + 1 < nodes.length) focusItem(index + 1);
      else if (index >= 0) nodes[index]?.focus();
    },
    [itemNodes, focusItem],
  );

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target?.closest("input, textarea, select, [contenteditable]")) return;
      if (!["j", "k", "a", "r"].includes(event.key)) return;
      const nodes = itemNodes();
      if (nodes.length === 0) return;
      const current = nodes.findIndex((node) => node.contains(document.activeElement));
      if (event.key === "j" || event.key === "k") {
        if (current < 0) focusItem(0);
        else focusItem(event.key === "j" ? Math.min(current + 1, nodes.length - 1) : Math.max(current - 1, 0));
      } else {
        // a and r act only on the item that has the focus, never on one the moderator cannot see.
        if (current < 0) return;
        const node = nodes[current]!;
        if (event.key === "a") {
          const approve = node.querySelector<HTMLButtonElement>('button[data-decision="approve"]:not(:disabled)');
          if (approve && singleKeyAllowed()) approve.click();
        }
        else node.querySelector<HTMLSelectElement>('select[name="ruleNumber"]')?.focus();
      }
      event.preventDefault();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [itemNodes, focusItem]);

  const pageResultFor = (id: number): DecisionResult | undefined => {
    if (!actionData || actionData.intent.endsWith("-selected")) return undefined;
    if (actionData.ok) return actionData.commentIds.includes(id) ? actionData : undefined;
    return actionData.commentId === id ? actionData : undefined;
  };
  const pageFailed = actionData && !actionData.ok && !actionData.intent.endsWith("-selected") ? actionData : undefined;
  const sinceOffPage = pageFailed?.decidedSince?.find((since) => !items.some((item) => item.id === since.commentId));
  const decidable = items.some((item) => item.author.id !== viewer.id && (item.status === "pending" || item.status === "visible"));

  return (
    <div className="moderation-page">
      <ModerationNav isAdmin={viewer.isAdmin} current="/moderation" />
      <h1>Moderation queue</h1>
      <nav className="tabs" aria-label="Queue">
        <ul>
          {TABS.map((t) => (
            <li key={t}>
              <Link to={queueHref(t)} aria-current={t === tab ? "page" : undefined}>
                {TAB_LABELS[t]}
                {t === "reported" || t === "held" ? ` (${liveCounts[t]})` : ""}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {actionData?.ok ? (
        <div className="notice notice--success" role="status">
          <p>{actionData.message}</p>
        </div>
      ) : null}
      {/* Without JavaScript the list is read afresh: a comment decided since may have left this tab. */}
      {pageFailed && sinceOffPage ? <DecidedSinceNotice failed={pageFailed} since={sinceOffPage} form={Form} linked /> : null}
      {/* Only scripts change the counts: without them the page has no live region to wait in. */}
      {hydrated ? <QueueChangedNotice expected={countsAfterOwnDecisions(counts, items, decidedHere)} live={liveCounts} href={queueHref(tab, page)} /> : null}
      {hydrated ? (
        <p className="moderation-keys" id="queue-keys">
          Keyboard: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>a</kbd> approve, <kbd>r</kbd> reject
        </p>
      ) : null}

      {bulkFailed?.decidedSince ? <BulkDecidedSince failed={bulkFailed} items={items} form={bulk.Form} /> : null}
      {items.length === 0 ? (
        <p>{EMPTY[tab]}</p>
      ) : (
        <>
          {decidable ? (
            <bulk.Form method="post" id="queue-bulk" className="moderation-bulk">
              <h2 className="moderation-bulk__title">Selected comments</h2>
              <p className="field-hint">Tick “Select” on the comments below, then decide on all of them at once.</p>
              {bulk.data?.ok ? (
                <p className="notice notice--success" role="status">
                  {bulk.data.message}
                </p>
              ) : null}
              <FormError message={bulkFailed?.errors.form ?? bulkFailed?.errors.commentIds} />
              <div className="moderation-bulk__controls">
                <button type="submit" name="intent" value="approve-selected" disabled={bulk.state !== "idle"}>
                  Approve selected
                </button>
                <RuleSelect
                  id="bulk-rule"
                  rules={rules}
                  error={bulkFailed?.errors.ruleNumber}
                  defaultValue={bulkFailed?.values.ruleNumber}
                />
                <div className="field">
                  <label htmlFor="bulk-note">Note to the authors (optional)</label>
                  <input id="bulk-note" name="note" type="text" maxLength={MODERATION_NOTE_MAX} defaultValue={bulkFailed?.values.note ?? ""} />
                </div>
                <button type="submit" name="intent" value="reject-selected" className="button--danger" disabled={bulk.state !== "idle"}>
                  Reject selected
                </button>
              </div>
            </bulk.Form>
          ) : null}
          <ol className="moderation-list" ref={listRef}>
            {items.map((item, index) => (
              <QueueEntry
                key={item.id}
                item={item}
                index={index}
                active={index === active}
                now={now}
                rules={rules}
                viewerId={viewer.id}
                pageResult={pageResultFor(item.id)}
                decidedElsewhere={decidedHere.get(item.id)}
                bulkDecidedSince={bulkSince.get(item.id)}
                presence={presence[item.id]}
                claimResult={claimAnswer?.commentId === item.id ? claimAnswer : undefined}
                onFocusItem={setActive}
                onDecided={onDecided}
              />
            ))}
          </ol>
        </>
      )}

      <nav className="pagination" aria-label="Pages of the queue">
        {page > 1 ? (
          <Link to={queueHref(tab, page - 1)} rel="prev">
            Previous page
          </Link>
        ) : null}
        <span>{`Page ${page}`}</span>
        {hasNextPage ? (
          <Link to={queueHref(tab, page + 1)} rel="next">
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
