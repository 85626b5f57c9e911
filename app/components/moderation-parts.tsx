import { Link } from "@remix-run/react";
import type { CommentStatus, Role } from "../../db/schema";
import { FormError } from "./form-field";

/** Small pieces every moderation page shares: navigation, labels, the rule picker, notices. */

export const COMMENT_STATUS_LABELS: Record<CommentStatus, string> = {
  visible: "Published",
  pending: "Held",
  rejected: "Rejected",
  removed: "Removed",
  deleted: "Deleted by its author",
};

export const ROLE_LABELS: Record<Role, string> = {
  resident: "Resident",
  editor: "Editor",
  moderator: "Moderator",
  admin: "Admin",
};

export interface RuleOption {
  number: number;
  title: string;
}

/** "3 days", "5 months", "2 years": how long an account has existed, as a moderator weighs it. */
export function describeAge(createdAt: string, now: string): string {
  const days = Math.max(0, Math.floor((Date.parse(now) - Date.parse(createdAt)) / 86_400_000));
  if (days < 1) return "less than a day";
  if (days < 60) return `${days} day${days === 1 ? "" : "s"}`;
  if (days < 730) return `${Math.floor(days / 30)} months`;
  return `${Math.floor(days / 365)} years`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function ModerationNav({ isAdmin, current }: { isAdmin: boolean; current: string }) {
  const links: [string, string][] = [
    ["/moderation", "Queue"],
    ["/moderation/appeals", "Appeals"],
    ["/moderation/heat", "Heat"],
    ["/moderation/log", "Log"],
    ["/moderation-log", "Public log"],
    ...(isAdmin
      ? ([
          ["/admin/terms", "Terms of posting"],
          ["/admin/moderation", "Hold rules"],
          ["/admin/staffed-hours", "Staffed hours"],
          ["/admin/alerts", "Alerts"],
        ] as [string, string][])
      : []),
  ];
  return (
    <nav className="moderation-nav" aria-label="Moderation">
      <ul>
        {links.map(([to, label]) => (
          <li key={to}>
            <Link to={to} aria-current={current === to ? "page" : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The "Rule broken" picker every rejection, removal and sanction uses. */
export function RuleSelect({
  id,
  rules,
  error,
  defaultValue,
  label = "Rule broken",
  name = "ruleNumber",
}: {
  id: string;
  rules: RuleOption[];
  error?: string;
  defaultValue?: string;
  label?: string;
  name?: string;
}) {
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">Choose a rule…</option>
        {rules.map((rule) => (
          <option key={rule.number} value={rule.number}>
            {`${rule.number}. ${rule.title}`}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The outcome of a form on a moderation page: a success line, or the message about the whole form. */
export function ModerationNotice({ result }: { result?: { ok: boolean; message?: string; errors?: Record<string, string> } | null }) {
  if (!result) return null;
  if (result.ok) {
    return result.message ? (
      <div className="notice notice--success" role="status">
        <p>{result.message}</p>
      </div>
    ) : null;
  }
  return <FormError message={result.errors?.form} />;
}

export function StatusBadge({ status }: { status: CommentStatus }) {
  return <span className={`moderation-status moderation-status--${status}`}>{COMMENT_STATUS_LABELS[status]}</span>;
}
