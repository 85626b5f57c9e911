import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ModerationLogTable, type UndoResult } from "~/components/moderation-log-table";
import { ModerationNav, ROLE_LABELS } from "~/components/moderation-parts";
import { db } from "~/db.server";
import { siteOrigin } from "~/utils/site-origin.server";
import { withNoticesMailed } from "~/models/moderation/notice.server";
import { actionLabel, isModerationAction, listModerationLog, listModerators, type LogFilters } from "~/models/moderation/log.server";
import { MODERATION_ACTIONS } from "~/models/moderation/audit.server";
import { listUndoableEntries, undoDecision } from "~/models/moderation/undo.server";
import { ModerationError } from "~/models/moderation/decision.server";
import { pageFromUrl, parseId } from "~/utils/http";
import { zonedLocalToUtcIso } from "~/utils/zoned-time";

export const meta: MetaFunction = () => [{ title: "Moderation log" }, { name: "robots", content: "noindex" }];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The filters as typed in the address bar: anything odd is ignored, with a message beside its field. */
function readFilters(url: URL) {
  const params = url.searchParams;
  const filters: LogFilters = {};
  const errors: Record<string, string> = {};
  const action = params.get("action") ?? "";
  if (action && isModerationAction(action)) filters.action = action;
  const by = params.get("moderator") ?? "";
  if (by === "automatic") filters.automatic = true;
  else if (by) {
    const id = parseId(by);
    if (id) filters.moderatorId = id;
  }
  const user = parseId(params.get("user") ?? undefined);
  if (user) filters.userId = user;
  const story = parseId(params.get("story") ?? undefined);
  if (story) filters.articleId = story;
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  if (from) {
    const iso = DATE.test(from) ? zonedLocalToUtcIso(from, "00:00") : null;
    if (iso) filters.from = iso;
    else errors.from = "Enter a date like 2026-11-22.";
  }
  if (to) {
    const iso = DATE.test(to) ? zonedLocalToUtcIso(nextDay(to), "00:00") : null;
    if (iso) filters.to = new Date(Date.parse(iso) - 1).toISOString();
    else errors.to = "Enter a date like 2026-11-22.";
  }
  return { filters, errors, values: { action, moderator: by, user: params.get("user") ?? "", story: params.get("story") ?? "", from, to } };
}

export async function loader({ request }: LoaderFunctionArgs) {
  // Moderators and admins only: the full log names moderators and accounts.
  const user = await requirePermission(request, "moderate:comment");
  const url = new URL(request.url);
  const { filters, errors, values } = readFilters(url);
  const [log, moderators, account, story] = await Promise.all([
    listModerationLog(db, { filters, page: pageFromUrl(request) }),
    listModerators(db),
    filters.userId
      ? db.selectFrom("user").select(["id", "display_name"]).where("id", "=", filters.userId).executeTakeFirst()
      : undefined,
    filters.articleId
      ? db.selectFrom("article").select(["id", "headline"]).where("id", "=", filters.articleId).executeTakeFirst()
      : undefined,
  ]);
  const undoable = await listUndoableEntries(db, { entryIds: log.entries.map((entry) => entry.id), moderatorId: user.id });
  return {
    ...log,
    undoable,
    moderators,
    actions: MODERATION_ACTIONS.map((action) => ({ value: action, label: actionLabel(action) })),
    errors,
    values,
    account: account ? { id: account.id, name: account.display_name } : null,
    story: story ? { id: story.id, headline: story.headline } : null,
    search: url.search,
    viewer: { isAdmin: user.role === "admin" },
  };
}

/** Undo one's own recent decision about a comment (undo.server.ts). */
export async function action(args: ActionFunctionArgs) {
  // Whatever the action told residents goes by email too (issue 29 part 4).
  return withNoticesMailed(db, siteOrigin(args.request), () => decide(args));
}

async function decide({ request }: ActionFunctionArgs) {
  // Moderators and admins only; the model lets each undo only their own decisions.
  const user = await requirePermission(request, "moderate:comment");
  const formData = await request.formData();
  const entryId = parseId(String(formData.get("entryId") ?? "")) ?? null;
  if (formData.get("intent") !== "undo" || entryId === null) {
    return data<UndoResult>({ intent: "undo", entryId, ok: false, message: "Choose a decision to undo." }, { status: 400 });
  }
  try {
    await undoDecision(db, { moderator: { id: user.id, role: user.role }, entryId });
  } catch (error) {
    if (error instanceof ModerationError) return data<UndoResult>({ intent: "undo", entryId, ok: false, message: error.message }, { status: 400 });
    throw error;
  }
  return data<UndoResult>({ intent: "undo", entryId, ok: true, message: "Undone: the comment is back as it was." });
}

function withParams(search: string, changes: Record<string, string | null>) {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  return `/moderation/log${text ? `?${text}` : ""}`;
}

export default function ModerationLogPage() {
  const { entries, undoable, page, hasNextPage, moderators, actions, errors, values, account, story, search, viewer } =
    useLoaderData<typeof loader>();
  const undoResult = useActionData<typeof action>();
  return (
    <div className="moderation-page">
      <ModerationNav isAdmin={viewer.isAdmin} current="/moderation/log" />
      <h1>Moderation log</h1>
      <p>Everything moderators, admins and the automatic rules have done, newest first.</p>
      <Form method="get" className="moderation-filters" aria-label="Filter the log">
        <div className="field">
          <label htmlFor="filter-action">Action</label>
          <select id="filter-action" name="action" defaultValue={values.action}>
            <option value="">Any action</option>
            {actions.map((action) => (
              <option key={action.value} value={action.value}>
                {action.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-moderator">By</label>
          <select id="filter-moderator" name="moderator" defaultValue={values.moderator}>
            <option value="">Anyone</option>
            <option value="automatic">Automatic rules</option>
            {moderators.map((m) => (
              <option key={m.id} value={m.id}>
                {`${m.name} (${ROLE_LABELS[m.role]})`}
              </option>
            ))}
          </select>
        </div>
        {(["from", "to"] as const).map((key) => (
          <div key={key} className={`field${errors[key] ? " field--invalid" : ""}`}>
            <label htmlFor={`filter-${key}`}>{key === "from" ? "From" : "To"}</label>
            <input
              id={`filter-${key}`}
              name={key}
              type="date"
              defaultValue={values[key]}
              aria-invalid={errors[key] ? true : undefined}
              aria-describedby={errors[key] ? `filter-${key}-error` : undefined}
            />
            {errors[key] ? (
              <p id={`filter-${key}-error`} className="field-error">
                {errors[key]}
              </p>
            ) : null}
          </div>
        ))}
        {values.user ? <input type="hidden" name="user" value={values.user} /> : null}
        {values.story ? <input type="hidden" name="story" value={values.story} /> : null}
        <button type="submit">Show</button>
        <Link to="/moderation/log">Clear filters</Link>
      </Form>
      {account || story ? (
        <ul className="moderation-facts">
          {account ? (
            <li>
              Account: <Link to={`/moderation/users/${account.id}`}>{account.name}</Link> (
              <Link to={withParams(search, { user: null, page: null })}>any account</Link>)
            </li>
          ) : null}
          {story ? (
            <li>
              Story: <Link to={`/moderation/stories/${story.id}`}>{story.headline}</Link> (
              <Link to={withParams(search, { story: null, page: null })}>any story</Link>)
            </li>
          ) : null}
        </ul>
      ) : null}
      {entries.length === 0 ? <p>Nothing in the log matches.</p> : (
        <ModerationLogTable entries={entries} caption={`Moderation log, page ${page}`} undoable={undoable} undoResult={undoResult} />
      )}
      <nav className="pagination" aria-label="Pages of the log">
        {page > 1 ? (
          <Link to={withParams(search, { page: String(page - 1) })} rel="prev">
            Previous page
          </Link>
        ) : null}
        <span>{`Page ${page}`}</span>
        {hasNextPage ? (
          <Link to={withParams(search, { page: String(page + 1) })} rel="next">
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
