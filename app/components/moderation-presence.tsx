import { useFetcher } from "@remix-run/react";
import type { Presence } from "~/models/moderation/claim.server";

/** What a claim answers, with or without JavaScript. */
export type ClaimResult =
  | { ok: true; intent: "claim"; commentId: number; message: string }
  | { ok: false; intent: "claim"; commentId: number | null; errors: Record<string, string> };

function ago(at: string, now: string): string {
  const minutes = Math.max(0, Math.floor((Date.parse(now) - Date.parse(at)) / 60_000));
  return minutes === 0 ? "just now" : `${minutes} min ago`;
}

/**
 * Who else has a comment open or claimed (issue 29): "Being looked at by Ailsa (2 min ago)". The
 * viewer's own claim is said apart, so they know the others see it.
 */
export function PresenceNote({ presence, viewerId, now }: { presence: Presence[] | undefined; viewerId: number; now: string }) {
  const others = (presence ?? []).filter((p) => p.moderatorId !== viewerId);
  const mine = (presence ?? []).find((p) => p.moderatorId === viewerId && p.claimed);
  if (others.length === 0 && !mine) return null;
  return (
    <ul className="moderation-presence">
      {others.map((p) => (
        <li key={p.moderatorId}>
          <strong>{`${p.claimed ? "Claimed" : "Being looked at"} by ${p.moderatorName}`}</strong>
          {` (${ago(p.at, now)})`}
        </li>
      ))}
      {mine ? <li>{`You claimed it (${ago(mine.at, now)})`}</li> : null}
    </ul>
  );
}

/** Claim: tells the other moderators this comment is being dealt with. A courtesy, not a lock. */
export function ClaimForm({ commentId, authorName, pageResult }: { commentId: number; authorName: string; pageResult?: ClaimResult }) {
  const fetcher = useFetcher<ClaimResult>();
  const result = fetcher.data ?? pageResult;
  return (
    <fetcher.Form method="post" className="moderation-claim">
      <input type="hidden" name="commentId" value={commentId} />
      {result?.ok ? (
        <p className="moderation-claim__done" role="status">
          {result.message}
        </p>
      ) : (
        <>
          {result && !result.ok ? (
            <p className="field-error" role="alert">
              {Object.values(result.errors)[0]}
            </p>
          ) : null}
          <button type="submit" name="intent" value="claim" className="button--secondary" disabled={fetcher.state !== "idle"}>
            Claim<span className="visually-hidden">{` the comment by ${authorName}`}</span>
          </button>
        </>
      )}
    </fetcher.Form>
  );
}
