import { Form } from "@remix-run/react";
import { Time } from "./time";

/**
 * The list of places an account is signed in, on the settings page: each with an "End" button, and
 * "Sign out of all other devices" / "Sign out of all devices" under it. The forms post to /settings.
 */
export interface SessionRow {
  id: string;
  device: string;
  address: string;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
}

/** "Firefox on Windows" from a User-Agent header: enough to recognise a device in a list. */
export function describeDevice(userAgent: string): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /OPR\/|Opera/.test(userAgent)
    ? "Opera"
    : /Firefox\//.test(userAgent)
    ? "Firefox"
    : /Chrom(e|ium)\//.test(userAgent)
    ? "Chrome"
    : /Safari\//.test(userAgent)
    ? "Safari"
    : null;
  const system = /iPhone|iPad/.test(userAgent)
    ? "iOS"
    : /Android/.test(userAgent)
    ? "Android"
    : /Windows/.test(userAgent)
    ? "Windows"
    : /Macintosh|Mac OS X/.test(userAgent)
    ? "macOS"
    : /CrOS/.test(userAgent)
    ? "ChromeOS"
    : /Linux/.test(userAgent)
    ? "Linux"
    : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

export function SessionList({ sessions, busy }: { sessions: SessionRow[]; busy: boolean }) {
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <ul className="session-list">
        {sessions.map((s) => (
          <li key={s.id} className="session-list__item">
            <p className="session-list__device">
              <strong>{s.device}</strong>
              {s.current ? <span className="session-list__current"> (this device)</span> : null}
            </p>
            <p className="session-list__meta">
              Signed in <Time iso={s.createdAt} /> · last used <Time iso={s.lastUsedAt} />
              {s.address && s.address !== "unknown" ? ` · from ${s.address}` : null}
            </p>
            <Form method="post" action="/settings" className="inline-form">
              <input type="hidden" name="intent" value="end-session" />
              <input type="hidden" name="sessionId" value={s.id} />
              <button type="submit" className="button--secondary" disabled={busy}>
                {s.current ? "Sign out here" : "End"}
                <span className="visually-hidden">{s.current ? " (this device)" : ` the session on ${s.device}`}</span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        {others > 0 ? (
          <Form method="post" action="/settings">
            <input type="hidden" name="intent" value="end-other-sessions" />
            <button type="submit" className="button--secondary" disabled={busy}>
              Sign out of all other devices
            </button>
          </Form>
        ) : null}
        <Form method="post" action="/settings">
          <input type="hidden" name="intent" value="end-all-sessions" />
          <button type="submit" className="button--secondary" disabled={busy}>
            Sign out of all devices
          </button>
        </Form>
      </div>
    </>
  );
}
