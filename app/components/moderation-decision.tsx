import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { CommentStatus } from "../../db/schema";
import { FormError } from "./form-field";
import { RuleSelect, type RuleOption } from "./moderation-parts";
import { MODERATION_NOTE_MAX } from "~/utils/moderation-limits";

/** What the actions that take decisions answer, with or without JavaScript. */
export type DecisionResult =
  | { ok: true; intent: string; commentIds: number[]; decision: "approved" | "rejected"; message: string }
  | { ok: false; intent: string; commentId: number | null; errors: Record<string, string>; values: Record<string, string> };

/**
 * Approve, or Reject citing a rule with an optional note to the author. Submitted through a fetcher, so
 * with JavaScript the page does not reload; without it the form posts to the page's action.
 */
export function DecisionForm({
  commentId,
  authorName,
  status,
  rules,
  pageResult,
  decidedElsewhere,
  onDecided,
}: {
  commentId: number;
  authorName: string;
  status: CommentStatus;
  rules: RuleOption[];
  /** The page's own action data (a post without JavaScript), when it concerns this comment. */
  pageResult?: DecisionResult;
  /** Decided by a bulk action on the same page. */
  decidedElsewhere?: "approved" | "rejected";
  onDecided?: (commentId: number) => void;
}) {
  const fetcher = useFetcher<DecisionResult>();
  const result = fetcher.data ?? pageResult;
  const told = useRef(false);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok && !told.current) {
      told.current = true;
      onDecided?.(commentId);
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
  if (status !== "pending" && status !== "visible") return null;
  const failed = result && !result.ok ? result : undefined;
  return (
    <fetcher.Form method="post" className="moderation-decision">
      <DecisionFields commentId={commentId} authorName={authorName} rules={rules} failed={failed} busy={fetcher.state !== "idle"} />
    </fetcher.Form>
  );
}

/** The controls inside a decision form, for a fetcher form (the queue) or a page form (one comment). */
export function DecisionFields({
  commentId,
  authorName,
  rules,
  failed,
  busy,
}: {
  commentId: number;
  authorName: string;
  rules: RuleOption[];
  failed?: Extract<DecisionResult, { ok: false }>;
  busy: boolean;
}) {
  return (
    <>
      <input type="hidden" name="commentId" value={commentId} />
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
