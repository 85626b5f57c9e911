import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, type ElementType } from "react";
import type { CommentStatus } from "../../db/schema";
import type { DecidedSince } from "~/models/moderation/stale-decision.server";
import { FormError } from "./form-field";
import { COMMENT_STATUS_LABELS, RuleSelect, type RuleOption } from "./moderation-parts";
import { Time } from "./time";
import { MODERATION_NOTE_MAX } from "~/utils/moderation-limits";

/** What the actions that take decisions answer, with or without JavaScript. */
export type DecisionResult =
  | { ok: true; intent: string; commentIds: number[]; decision: "approved" | "rejected"; message: string }
  | {
      ok: false;
      intent: string;
      commentId: number | null;
      errors: Record<string, string>;
      values: Record<string, string>;
      /** Comments decided since the page was loaded: nothing was changed (issue 29). */
      decidedSince?: DecidedSince[];
      /** A refused bulk decision: the comments that were selected, to offer it again. */
      selected?: number[];
    };

/** One line: who decided what about a comment, and when. */
export function DecidedSinceLine({ since }: { since: DecidedSince }) {
  const now = COMMENT_STATUS_LABELS[since.status].toLowerCase();
  if (!since.action || !since.at) return <>{`It has changed since your page was loaded: it is now ${now}.`}</>;
  return (
    <>
      {`${since.moderatorName ?? "The site’s automatic rules"} decided first: ${since.label.toLowerCase()}`}
      {since.ruleNumber !== null ? ` under rule ${since.ruleNumber}` : ""}
      {", "}
      <Time iso={since.at} />
      {`. It is now ${now}.`}
    </>
  );
}

/**
 * Beside a comment whose decision was refused because it had been decided since: who decided what and
 * when, and a "Decide anyway" form that posts the same decision with what the moderator has now seen.
 */
export function DecidedSinceNotice({
  failed,
  since,
  form: FormTag,
  linked = false,
}: {
  failed: Extract<DecisionResult, { ok: false }>;
  since: DecidedSince;
  /** The page's form component: a fetcher's Form in the queue, Remix's Form on a comment's page. */
  form: ElementType;
  /** Away from the comment (it has left the list): name it with a link to its page. */
  linked?: boolean;
}) {
  const intent = failed.intent === "reject" ? "reject" : failed.intent === "approve" ? "approve" : failed.intent === "restore" ? "restore" : null;
  const stillApplies =
    intent === "restore" ? since.status === "rejected" || since.status === "removed" : since.status === "pending" || since.status === "visible";
  return (
    <div className="notice notice--error moderation-conflict" role="alert">
      <p>
        {linked ? (
          <>
            <a href={`/moderation/comments/${since.commentId}`}>This comment</a>
            {": "}
          </>
        ) : null}
        <strong>Nothing was changed.</strong> <DecidedSinceLine since={since} />
      </p>
      {intent && stillApplies ? (
        <FormTag method="post" className="moderation-conflict__confirm">
          <input type="hidden" name="commentId" value={since.commentId} />
          <input type="hidden" name="shown" value={since.stamp} />
          {failed.values.ruleNumber ? <input type="hidden" name="ruleNumber" value={failed.values.ruleNumber} /> : null}
          {failed.values.note ? <input type="hidden" name="note" value={failed.values.note} /> : null}
          <button type="submit" name="intent" value={intent} className={intent === "reject" ? "button--danger" : undefined}>
            {intent === "reject" ? "Reject anyway" : intent === "approve" ? "Approve anyway" : "Restore anyway"}
          </button>
        </FormTag>
      ) : intent === "approve" && (since.status === "rejected" || since.status === "removed") ? (
        <p>
          To publish it after all, use Restore on <a href={`/moderation/comments/${since.commentId}`}>the comment’s page</a>.
        </p>
      ) : null}
    </div>
  );
}

/**
 * Approve, or Reject citing a rule with an optional note to the author. Submitted through a fetcher, so
 * with JavaScript the page does not reload; without it the form posts to the page's action.
 */
export function DecisionForm({
  commentId,
  authorName,
  status,
  stamp,
  rules,
  pageResult,
  decidedElsewhere,
  onDecided,
}: {
  commentId: number;
  authorName: string;
  status: CommentStatus;
  /** What the page shows of the comment (decisionStamp), posted with the decision. */
  stamp: string;
  rules: RuleOption[];
  /** The page's own action data (a post without JavaScript), when it concerns this comment. */
  pageResult?: DecisionResult;
  /** Decided by a bulk action on the same page. */
  decidedElsewhere?: "approved" | "rejected";
  onDecided?: (commentId: number, decision: "approved" | "rejected") => void;
}) {
  const fetcher = useFetcher<DecisionResult>();
  const result = fetcher.data ?? pageResult;
  const told = useRef(false);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok && !told.current) {
      told.current = true;
      onDecided?.(commentId, fetcher.data.decision);
    }
  }, [fetcher.state, fetcher.data, commentId, onDecided]);

  const decided = result?.ok ? result.decision : decidedElsewhere;
  if (decided) {
    return (
      <p className="moderation-decided" role="status">
        {decided === "approved" ? "Approved" : "Rejected"}
        {result?.ok ? <span className="visually-hidden">{`: ${result.message}`}</span> : null}
      </p>
    );
  }
  const failed = result && !result.ok ? result : undefined;
  const since = failed?.decidedSince?.find((s) => s.commentId === commentId);
  if (failed && since) return <DecidedSinceNotice failed={failed} since={since} form={fetcher.Form} />;
  if (status !== "pending" && status !== "visible") return null;
  return (
    <fetcher.Form method="post" className="moderation-decision">
      <DecisionFields
        commentId={commentId}
        authorName={authorName}
        stamp={stamp}
        rules={rules}
        failed={failed}
        busy={fetcher.state !== "idle"}
      />
    </fetcher.Form>
  );
}

/** The controls inside a decision form, for a fetcher form (the queue) or a page form (one comment). */
export function DecisionFields({
  commentId,
  authorName,
  stamp,
  rules,
  failed,
  busy,
}: {
  commentId: number;
  authorName: string;
  stamp: string;
  rules: RuleOption[];
  failed?: Extract<DecisionResult, { ok: false }>;
  busy: boolean;
}) {
  return (
    <>
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="shown" value={stamp} />
      <FormError message={failed?.errors.form} />
      <div className="moderation-decision__approve">
        <button type="submit" name="intent" value="approve" disabled={busy} data-decision="approve">
          Approve<span className="visually-hidden">{` the comment by ${authorName}`}</span>
        </button>
      </div>
      <div className="moderation-decision__reject">
        <RuleSelect
          id={`rule-${commentId}`}
          rules={rules}
          error={failed?.errors.ruleNumber}
          defaultValue={failed?.values.ruleNumber}
        />
        <div className={`field${failed?.errors.note ? " field--invalid" : ""}`}>
          <label htmlFor={`note-${commentId}`}>Note to the author (optional)</label>
          <textarea
            id={`note-${commentId}`}
            name="note"
            rows={2}
            maxLength={MODERATION_NOTE_MAX}
            defaultValue={failed?.values.note ?? ""}
            aria-invalid={failed?.errors.note ? true : undefined}
            aria-describedby={failed?.errors.note ? `note-${commentId}-error` : undefined}
          />
          {failed?.errors.note ? (
            <p id={`note-${commentId}-error`} className="field-error">
              {failed.errors.note}
            </p>
          ) : null}
        </div>
        <button type="submit" name="intent" value="reject" className="button--danger" disabled={busy} data-decision="reject">
          Reject<span className="visually-hidden">{` the comment by ${authorName}`}</span>
        </button>
      </div>
    </>
  );
}
