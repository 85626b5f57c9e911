import { Form, Link } from "@remix-run/react";
import type { LogEntry } from "~/models/moderation/log.server";
import { ROLE_LABELS } from "./moderation-parts";
import { Time } from "./time";

/** What Undo answers, beside its entry, with or without JavaScript. */
export interface UndoResult {
  intent: "undo";
  entryId: number | null;
  ok: boolean;
  message: string;
}

/**
 * The moderators' log: who did what to which comment, account or story, under which rule. With
 * `undoable`, the viewer's own recent decisions offer Undo, a plain form post to the page's action.
 */
export function ModerationLogTable({
  entries,
  caption,
  undoable = [],
  undoResult,
}: {
  entries: LogEntry[];
  caption: string;
  undoable?: number[];
  undoResult?: UndoResult;
}) {
  return (
    <div className="table-scroll">
      <table className="moderation-log">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">By</th>
            <th scope="col">Concerning</th>
            <th scope="col">Rule</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>
                <Time iso={entry.createdAt} />
              </td>
              <th scope="row">
                {entry.label}
                {undoResult?.entryId === entry.id ? (
                  <p className={undoResult.ok ? "moderation-log__undone" : "field-error"} role={undoResult.ok ? "status" : "alert"}>
                    {undoResult.message}
                  </p>
                ) : null}
                {undoable.includes(entry.id) ? (
                  <Form method="post" className="moderation-log__undo">
                    <input type="hidden" name="entryId" value={entry.id} />
                    <button type="submit" name="intent" value="undo" className="button--secondary">
                      Undo<span className="visually-hidden">{`: ${entry.label.toLowerCase()}`}</span>
                    </button>
                  </Form>
                ) : null}
              </th>
              <td>
                {entry.moderator ? (
                  <>
                    {entry.moderator.name}
                    <span className="moderation-log__role">{` (${ROLE_LABELS[entry.moderator.role]})`}</span>
                  </>
                ) : (
                  "Automatic"
                )}
              </td>
              <td>
                {entry.commentId === null && !entry.user && !entry.article ? (
                  "The whole site"
                ) : (
                  <ul className="moderation-log__targets">
                    {entry.commentId !== null ? (
                      <li>
                        <Link to={`/moderation/comments/${entry.commentId}`}>{`Comment ${entry.commentId}`}</Link>
                      </li>
                    ) : null}
                    {entry.user ? (
                      <li>
                        <Link to={`/moderation/users/${entry.user.id}`}>{entry.user.name}</Link>
                      </li>
                    ) : null}
                    {entry.article ? (
                      <li>
                        <Link to={`/moderation/stories/${entry.article.id}`}>{entry.article.headline}</Link>
                      </li>
                    ) : null}
                  </ul>
                )}
              </td>
              <td>
                {entry.ruleNumber !== null ? `${entry.ruleNumber}${entry.ruleTitle ? `. ${entry.ruleTitle}` : ""}` : ""}
              </td>
              <td className="moderation-log__note">{entry.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
