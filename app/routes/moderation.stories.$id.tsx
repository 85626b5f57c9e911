import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { FormError } from "~/components/form-field";
import { ModerationLogTable } from "~/components/moderation-log-table";
import { ModerationNav, plural } from "~/components/moderation-parts";
import { db } from "~/db.server";
import { listModerationLog } from "~/models/moderation/log.server";
import { getArticleForModeration } from "~/models/moderation/story-review.server";
import { ModerationError, setArticleDiscussion } from "~/models/moderation/decision.server";
import { setStoryAfterHours } from "~/models/moderation/staffed-hours.server";
import { setSlowMode } from "~/models/moderation/brakes.server";
import { AFTER_HOURS_LABELS, AFTER_HOURS_MODES } from "~/utils/staffed-hours";
import { formValues, parseForm, type FieldLimits } from "~/utils/forms";
import { MODERATION_NOTE_MAX } from "~/utils/moderation-limits";
import { notFound, parseId } from "~/utils/http";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Comments on “${data.story.headline}” · Moderation` : "Not found" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  // Moderators and admins only.
  const user = await requirePermission(request, "moderate:comment");
  const id = parseId(params.id);
  const story = id ? await getArticleForModeration(db, id) : null;
  if (!story) throw notFound("There is no such story.");
  const log = await listModerationLog(db, { filters: { articleId: story.id }, page: 1, pageSize: 20 });
  return { story, log: log.entries, moreLog: log.hasNextPage, viewer: { isAdmin: user.role === "admin" } };
}

/** Minutes between two comments of one resident in slow mode (0: off). */
const SLOW_MODE_CHOICES = [0, 2, 5, 10, 15, 30, 60] as const;

const schema = z.object({
  intent: z.enum(["close", "open", "premoderate", "unpremoderate", "after_hours", "slow_mode"], { error: "Choose what to change." }),
  slowMode: z.enum(SLOW_MODE_CHOICES.map(String) as [string, ...string[]], { error: "Choose how often each resident may post, or Off." }).optional(),
  afterHours: z.enum(AFTER_HOURS_MODES, { error: "Choose what this story does while no moderator is on duty." }).optional(),
  note: z.string().trim().max(MODERATION_NOTE_MAX, `Keep the note under ${MODERATION_NOTE_MAX.toLocaleString("en-GB")} characters.`).default(""),
});
const limits: FieldLimits = { note: MODERATION_NOTE_MAX };

const DONE = {
  close: "Comments are closed on this story. The thread stays visible.",
  open: "Comments are open again on this story.",
  premoderate: "Every new comment on this story now waits for a moderator.",
  unpremoderate: "Comments on this story are no longer all pre-moderated.",
  after_hours: "Saved: outside staffed hours this story now does what is chosen below.",
  slow_mode: "Saved: slow mode is as chosen below, and the story's page says so.",
} as const;

type StoryActionResult = { ok: true; message: string } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export async function action({ params, request }: ActionFunctionArgs) {
  // Moderators and admins only.
  const user = await requirePermission(request, "moderate:comment");
  const articleId = parseId(params.id);
  if (!articleId) throw notFound("There is no such story.");
  const formData = await request.formData();
  const parsed = parseForm(schema, formData, { limits });
  if (!parsed.ok) return data<StoryActionResult>({ ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { intent, note } = parsed.data;
  try {
    if (intent === "slow_mode") {
      if (parsed.data.slowMode === undefined) {
        return data<StoryActionResult>(
          { ok: false, errors: { slowMode: "Choose how often each resident may post, or Off." }, values: formValues(formData, limits) },
          { status: 400 },
        );
      }
      await setSlowMode(db, { moderator: { id: user.id, role: user.role }, articleId, minutes: Number(parsed.data.slowMode) });
      return data<StoryActionResult>({ ok: true, message: DONE[intent] });
    }
    if (intent === "after_hours") {
      if (!parsed.data.afterHours) {
        return data<StoryActionResult>(
          { ok: false, errors: { afterHours: "Choose what this story does while no moderator is on duty." }, values: formValues(formData, limits) },
          { status: 400 },
        );
      }
      await setStoryAfterHours(db, { moderator: { id: user.id, role: user.role }, articleId, mode: parsed.data.afterHours });
      return data<StoryActionResult>({ ok: true, message: DONE[intent] });
    }
    await setArticleDiscussion(db, {
      moderator: { id: user.id, role: user.role },
      articleId,
      note,
      ...(intent === "close" || intent === "open" ? { commentsOpen: intent === "open" } : { premoderate: intent === "premoderate" }),
    });
  } catch (error) {
    if (error instanceof ModerationError) {
      return data<StoryActionResult>({ ok: false, errors: { form: error.message }, values: formValues(formData, limits) }, { status: 400 });
    }
    throw error;
  }
  return data<StoryActionResult>({ ok: true, message: DONE[intent] });
}

export default function ModerateStoryPage() {
  const { story, log, moreLog, viewer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok ? result : undefined;
  return (
    <div className="moderation-page">
      <ModerationNav isAdmin={viewer.isAdmin} current="" />
      <h1>Comments on “{story.headline}”</h1>
      <p>
        <Link to={`/articles/${story.slug}#comments`}>Read the story and its comments</Link>
        {story.status !== "published" ? ` (${story.status}: readers cannot see it yet)` : ""}
      </p>
      <ul className="moderation-facts">
        <li>{plural(story.visibleCount, "published comment")}</li>
        <li>
          {plural(story.heldCount, "held comment")}
          {story.heldCount > 0 ? (
            <>
              {" "}
              (<Link to="/moderation?tab=held">see the queue</Link>)
            </>
          ) : null}
        </li>
        <li>{plural(story.removedCount, "rejected or removed comment")}</li>
      </ul>
      {result?.ok ? (
        <div className="notice notice--success" role="status">
          <p>{result.message}</p>
        </div>
      ) : null}
      <FormError message={failed?.errors.form ?? failed?.errors.intent} />

      <Form method="post" className="moderation-story-form">
        <div className="field">
          <label htmlFor="story-note">Reason (optional, kept in the moderation log)</label>
          <input
            id="story-note"
            name="note"
            type="text"
            maxLength={MODERATION_NOTE_MAX}
            defaultValue={failed?.values.note ?? ""}
            aria-invalid={failed?.errors.note ? true : undefined}
            aria-describedby={failed?.errors.note ? "story-note-error" : undefined}
          />
          {failed?.errors.note ? (
            <p id="story-note-error" className="field-error">
              {failed.errors.note}
            </p>
          ) : null}
        </div>
        <fieldset>
          <legend>New comments</legend>
          <p>{story.commentsOpen ? "Residents can comment on this story." : "Comments are closed: the thread stays visible, nobody can add to it."}</p>
          {story.commentsOpen ? (
            <button type="submit" name="intent" value="close" className="button--danger" disabled={busy}>
              Close comments
            </button>
          ) : (
            <button type="submit" name="intent" value="open" disabled={busy}>
              Reopen comments
            </button>
          )}
        </fieldset>
        <fieldset>
          <legend>Pre-moderation</legend>
          <p>
            {story.premoderate
              ? "Every new comment on this story waits for a moderator before it appears."
              : "Comments follow the site’s hold rules."}
          </p>
          {story.premoderate ? (
            <button type="submit" name="intent" value="unpremoderate" className="button--secondary" disabled={busy}>
              Stop pre-moderating this story
            </button>
          ) : (
            <button type="submit" name="intent" value="premoderate" className="button--secondary" disabled={busy}>
              Pre-moderate every comment on this story
            </button>
          )}
        </fieldset>
      </Form>

      <Form method="post" className="moderation-story-form">
        <input type="hidden" name="intent" value="after_hours" />
        <fieldset aria-describedby={`after-hours-hint${failed?.errors.afterHours ? " after-hours-error" : ""}`}>
          <legend>While no moderator is on duty</legend>
          <p id="after-hours-hint" className="field-hint">
            Outside the staffed hours set by the admins (<Link to="/terms#review">shown on the terms page</Link>), this story:
          </p>
          {AFTER_HOURS_MODES.map((mode) => (
            <div key={mode} className="field field--checkbox">
              <input
                type="radio"
                id={`after-hours-${mode}`}
                name="afterHours"
                value={mode}
                defaultChecked={(failed?.values.afterHours ?? story.afterHours) === mode}
              />
              <label htmlFor={`after-hours-${mode}`}>{AFTER_HOURS_LABELS[mode]}</label>
            </div>
          ))}
          {failed?.errors.afterHours ? (
            <p id="after-hours-error" className="field-error">
              {failed.errors.afterHours}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" className="button--secondary" disabled={busy}>
          Save the after-hours setting
        </button>
      </Form>

      <Form method="post" className="moderation-story-form">
        <input type="hidden" name="intent" value="slow_mode" />
        <div className={`field${failed?.errors.slowMode ? " field--invalid" : ""}`}>
          <label htmlFor="slow-mode">Slow mode: each resident may post one comment every</label>
          <select
            id="slow-mode"
            name="slowMode"
            defaultValue={failed?.values.slowMode ?? String(story.slowModeMinutes)}
            aria-invalid={failed?.errors.slowMode ? true : undefined}
            aria-describedby={`slow-mode-hint${failed?.errors.slowMode ? " slow-mode-error" : ""}`}
          >
            {SLOW_MODE_CHOICES.map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {minutes === 0 ? "Off" : `${minutes} minutes`}
              </option>
            ))}
          </select>
          <p id="slow-mode-hint" className="field-hint">
            For a heated story: it calms the pace without closing it. Staff are not slowed; the story’s page tells readers.
          </p>
          {failed?.errors.slowMode ? (
            <p id="slow-mode-error" className="field-error">
              {failed.errors.slowMode}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button--secondary" disabled={busy}>
          Save slow mode
        </button>
      </Form>

      <section aria-labelledby="story-log-heading">
        <h2 id="story-log-heading">Recent moderation on this story</h2>
        {log.length === 0 ? <p>Nothing yet.</p> : <ModerationLogTable entries={log} caption="Moderation on this story" />}
        {moreLog ? (
          <p>
            <Link to={`/moderation/log?story=${story.id}`}>The whole log for this story</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
