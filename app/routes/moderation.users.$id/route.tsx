import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SANCTION_KINDS, type SanctionKind } from "../../../db/schema";
import { requirePermission } from "~/auth/guards.server";
import { FormError, TextAreaField, TextField } from "~/components/form-field";
import { ModerationLogTable } from "~/components/moderation-log-table";
import { ClampedProse } from "~/components/moderation-comment";
import { COMMENT_STATUS_LABELS, describeAge, ModerationNav, plural, ROLE_LABELS, RuleSelect, StatusBadge } from "~/components/moderation-parts";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { getAccountForModeration, listModerationLog } from "~/models/moderation/log.server";
import { listTermsRules } from "~/models/terms.server";
import { notFound, parseId } from "~/utils/http";
import { nowIso } from "~/utils/time";
import { ACCOUNT_NOTE_MAX, MODERATION_NOTE_MAX } from "~/utils/moderation-limits";
import { handleAccountAction } from "./account-actions.server";
import { withNoticesMailed } from "~/models/moderation/notice.server";
import { siteOrigin } from "~/utils/site-origin.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.account.displayName} · Moderation` : "Not found" },
  { name: "robots", content: "noindex" },
];

const KIND_LABELS: Record<SanctionKind, string> = {
  warn: "Warn",
  premoderate: "Always pre-moderate",
  suspend: "Suspend",
  ban: "Ban",
};

const KIND_HINTS: Record<SanctionKind, string> = {
  warn: "They must read and confirm the warning before they post again.",
  premoderate: "Every comment they post waits for a moderator.",
  suspend: "They cannot post, like or report for the days you choose.",
  ban: "They can no longer post, like or report, until a moderator lifts the ban.",
};

export async function loader({ params, request }: LoaderFunctionArgs) {
  // Moderators and admins only.
  const user = await requirePermission(request, "sanction:user");
  const id = parseId(params.id);
  const now = nowIso();
  const account = id ? await getAccountForModeration(db, id, now) : null;
  if (!account || account.status === "deleted") throw notFound("There is no such account.");
  const [log, rules] = await Promise.all([
    listModerationLog(db, { filters: { userId: account.id }, page: 1, pageSize: 50 }),
    listTermsRules(db),
  ]);
  // The model refuses the same cases; the page says so instead of offering forms that would fail.
  const refusal =
    account.id === user.id
      ? "This is your own account: another moderator has to act on it."
      : account.role === "admin" || (account.role === "moderator" && user.role !== "admin")
        ? "Only an admin can act on a moderator’s or an admin’s account."
        : null;
  return {
    account,
    log: log.entries,
    moreLog: log.hasNextPage,
    rules: rules.map(({ number, title }) => ({ number, title })),
    refusal,
    viewer: { isAdmin: user.role === "admin" },
    now,
  };
}


export async function action(args: ActionFunctionArgs) {
  // Moderators and admins only: handleAccountAction checks the permission before anything else.
  // What it tells the resident goes by email too (issue 29 part 4).
  return withNoticesMailed(db, siteOrigin(args.request), () => handleAccountAction(args));
}

const SANCTION_NAMES: Record<SanctionKind, string> = {
  warn: "Warning",
  premoderate: "Always pre-moderated",
  suspend: "Suspension",
  ban: "Ban",
};

export default function ModerateAccountPage() {
  const { account, log, moreLog, rules, refusal, viewer, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok ? result : undefined;
  const failedOn = (intent: string) => (failed?.intent === intent ? failed : undefined);
  const sanctionFailed = failedOn("sanction");
  const noteFailed = failedOn("note");
  const inForce = account.sanctions.filter((s) => s.inForce);
  const past = account.sanctions.filter((s) => !s.inForce);
  const counts = account.commentCounts;

  return (
    <div className="moderation-page">
      <ModerationNav isAdmin={viewer.isAdmin} current="" />
      <h1>Account: {account.displayName}</h1>
      {result?.ok ? (
        <div className="notice notice--success" role="status">
          <p>{result.message}</p>
        </div>
      ) : null}
      {failed && failed.intent !== "sanction" && failed.intent !== "note" ? <FormError message={failed.errors.form} /> : null}

      <ul className="moderation-facts">
        <li>{ROLE_LABELS[account.role]}</li>
        <li>
          Joined <Time iso={account.createdAt} dateOnly /> ({describeAge(account.createdAt, now)} ago)
        </li>
        <li>
          {account.status === "suspended" && account.statusUntil ? (
            <>
              Suspended until <Time iso={account.statusUntil} />
            </>
          ) : account.status === "banned" ? (
            "Banned"
          ) : (
            "Active"
          )}
        </li>
        <li>{account.trusted ? "Trusted: skips new-account holds" : "Not marked as trusted"}</li>
        {account.premoderate ? <li>Always pre-moderated</li> : null}
        <li>
          {plural(counts.visible ?? 0, "published comment")}, {counts.pending ?? 0} held, {(counts.rejected ?? 0) + (counts.removed ?? 0)} rejected
          or removed
        </li>
      </ul>
      <p>
        <Link to={`/users/${account.id}`}>Public profile</Link> ·{" "}
        <Link to={`/moderation/log?user=${account.id}`}>Everything in the log about this account</Link>
      </p>

      <section aria-labelledby="sanctions-heading">
        <h2 id="sanctions-heading">Sanctions</h2>
        {inForce.length === 0 ? <p>No sanction is in force.</p> : null}
        {account.sanctions.length > 0 ? (
          <ul className="moderation-sanctions">
            {[...inForce, ...past].map((s) => (
              <li key={s.id} className={s.inForce ? "moderation-sanction moderation-sanction--active" : "moderation-sanction"}>
                <p>
                  <strong>{SANCTION_NAMES[s.kind]}</strong>
                  {s.inForce ? " (in force)" : s.liftedAt ? " (lifted)" : " (ended)"} · rule {s.ruleNumber ?? "?"}
                  {s.ruleTitle ? `, ${s.ruleTitle}` : ""} · <Time iso={s.createdAt} />
                  {s.createdBy ? ` by ${s.createdBy}` : ""}
                </p>
                {s.note ? <p>Note to the resident: {s.note}</p> : null}
                {s.endsAt ? (
                  <p>
                    Ends <Time iso={s.endsAt} />
                  </p>
                ) : null}
                {s.kind === "warn" ? (
                  <p>
                    {s.acknowledgedAt ? (
                      <>
                        Read and confirmed <Time iso={s.acknowledgedAt} />
                      </>
                    ) : (
                      "Not yet read"
                    )}
                  </p>
                ) : null}
                {s.liftedAt ? (
                  <p>
                    Lifted <Time iso={s.liftedAt} />
                    {s.liftedBy ? ` by ${s.liftedBy}` : ""}
                  </p>
                ) : null}
                {s.inForce && !refusal ? (
                  <Form method="post">
                    <input type="hidden" name="sanctionId" value={s.id} />
                    <button type="submit" name="intent" value="lift" className="button--secondary" disabled={busy}>
                      Lift<span className="visually-hidden">{` the ${SANCTION_NAMES[s.kind].toLowerCase()} of ${s.createdAt.slice(0, 10)}`}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}

        {refusal ? (
          <p className="moderation-item__own">{refusal}</p>
        ) : (
          <Form method="post" className="moderation-sanction-form">
            <h3>Add a sanction</h3>
            <input type="hidden" name="intent" value="sanction" />
            <FormError message={sanctionFailed?.errors.form} />
            <fieldset aria-describedby={sanctionFailed?.errors.kind ? "kind-error" : undefined}>
              <legend>What to do</legend>
              {SANCTION_KINDS.map((kind) => (
                <div key={kind} className="field field--checkbox">
                  <input
                    type="radio"
                    id={`kind-${kind}`}
                    name="kind"
                    value={kind}
                    defaultChecked={(sanctionFailed?.values.kind ?? "warn") === kind}
                    aria-describedby={`kind-${kind}-hint`}
                  />
                  <label htmlFor={`kind-${kind}`}>{KIND_LABELS[kind]}</label>
                  <p id={`kind-${kind}-hint`} className="field-hint">
                    {KIND_HINTS[kind]}
                  </p>
                </div>
              ))}
              {sanctionFailed?.errors.kind ? (
                <p id="kind-error" className="field-error">
                  {sanctionFailed.errors.kind}
                </p>
              ) : null}
            </fieldset>
            <TextField
              id="days"
              name="days"
              label="Days (for a suspension)"
              inputMode="numeric"
              defaultValue={sanctionFailed?.values.days ?? ""}
              error={sanctionFailed?.errors.days}
            />
            <RuleSelect id="sanction-rule" rules={rules} error={sanctionFailed?.errors.ruleNumber} defaultValue={sanctionFailed?.values.ruleNumber} />
            <TextAreaField
              id="sanction-note"
              name="note"
              label="Note to the resident (optional)"
              hint="They see it with the rule."
              rows={3}
              maxLength={MODERATION_NOTE_MAX}
              defaultValue={sanctionFailed?.values.note ?? ""}
              error={sanctionFailed?.errors.note}
            />
            <button type="submit" className="button--danger" disabled={busy}>
              Apply sanction
            </button>
          </Form>
        )}
      </section>

      {!refusal ? (
        <section aria-labelledby="trust-heading">
          <h2 id="trust-heading">Trust</h2>
          <p>Trusted residents skip the holds on a new account’s first comments. Other hold rules still apply.</p>
          <Form method="post">
            {account.trusted ? (
              <button type="submit" name="intent" value="untrust" className="button--secondary" disabled={busy}>
                Stop trusting this account
              </button>
            ) : (
              <button type="submit" name="intent" value="trust" className="button--secondary" disabled={busy}>
                Mark as trusted
              </button>
            )}
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">Private notes</h2>
        <p className="field-hint">Only moderators and admins see these; the resident never does.</p>
        {account.notes.length === 0 ? (
          <p>No notes yet.</p>
        ) : (
          <ul className="moderation-notes">
            {account.notes.map((n) => (
              <li key={n.id}>
                <p className="moderation-notes__body">{n.body}</p>
                <p className="field-hint">
                  {n.authorName ?? "A former moderator"}, <Time iso={n.createdAt} />
                </p>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" key={result?.ok && result.intent === "note" ? `sent-${account.notes.length}` : "note-form"}>
          <input type="hidden" name="intent" value="note" />
          <FormError message={noteFailed?.errors.form} />
          <TextAreaField
            id="user-note"
            name="body"
            label="Add a note"
            rows={3}
            maxLength={ACCOUNT_NOTE_MAX}
            defaultValue={noteFailed?.values.body ?? ""}
            error={noteFailed?.errors.body}
          />
          <button type="submit" className="button--secondary" disabled={busy}>
            Save note
          </button>
        </Form>
      </section>

      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">Recent comments</h2>
        {account.recentComments.length === 0 ? (
          <p>No comments yet.</p>
        ) : (
          <ol className="moderation-recent">
            {account.recentComments.map((c) => (
              <li key={c.id}>
                <p className="moderation-item__meta">
                  <StatusBadge status={c.status} /> on <Link to={`/moderation/comments/${c.id}`}>{c.article.headline}</Link> ·{" "}
                  <Time iso={c.createdAt} />
                  {c.ruleNumber !== null ? ` · rule ${c.ruleNumber}` : ""}
                </p>
                {c.status === "deleted" ? (
                  <p className="field-hint">{COMMENT_STATUS_LABELS.deleted}</p>
                ) : (
                  <ClampedProse html={c.bodyHtml} what={`the comment on ${c.article.headline}`} />
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="account-log-heading">
        <h2 id="account-log-heading">Decisions about this account</h2>
        {log.length === 0 ? <p>Nothing in the log yet.</p> : <ModerationLogTable entries={log} caption="Decisions about this account" />}
        {moreLog ? (
          <p>
            <Link to={`/moderation/log?user=${account.id}`}>The whole log for this account</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
