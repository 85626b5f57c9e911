import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { z } from "zod";
import { getSession, requireUser } from "~/auth/guards.server";
import {
  blankSessionCookie,
  createSession,
  invalidateUserSessions,
  listUserSessions,
  sessionCookie,
} from "~/auth/session.server";
import { accountPageTitle, SuccessNotice, useFocusOnError, useFormKey } from "~/components/account-forms";
import { CheckboxField, FormError, TextField } from "~/components/form-field";
import { describeDevice, SessionList } from "~/components/session-list";
import { db } from "~/db.server";
import { DISPLAY_NAME_MAX, EMAIL_MAX, PASSWORD_MIN } from "~/models/account/limits";
import {
  currentPasswordField,
  displayNameField,
  emailField,
  newPasswordField,
  passwordProblem,
} from "~/models/account/rules.server";
import {
  changeDisplayName,
  changePassword,
  confirmPassword,
  deleteAccount,
  endOwnSession,
  requestEmailChange,
  setReplyNotifications,
} from "~/models/account/account.server";
import { getClientAddress } from "~/auth/client-address.server";
import { getUserById } from "~/models/user.server";
import { listSanctionsInForce } from "~/models/moderation/standing.server";
import { AccountStanding } from "~/components/standing-notice";
import { formValues, parseForm, type FieldErrors, type FieldLimits } from "~/utils/forms";
import { siteOrigin } from "~/utils/site-origin.server";

export const meta: MetaFunction = ({ matches }) => accountPageTitle(matches, "Your settings");

const SAVED = {
  name: "Your display name is changed.",
  email:
    "We have sent a link to the new address. Your address changes when you follow it; until then your account keeps the old one.",
  password: "Your password is changed, and every other device has been signed out.",
  "password-reset": "Your new password is set, and every other device has been signed out.",
  notifications: "Your email preferences are saved.",
  "session-ended": "That session has ended.",
  "others-ended": "Every other device has been signed out.",
} as const;
type Saved = keyof typeof SAVED;

export async function loader({ request }: LoaderFunctionArgs) {
  // Only the signed-in person, and only their own account.
  const me = await requireUser(request);
  const current = await getSession(request);
  const [user, sessions, sanctions] = await Promise.all([
    getUserById(db, me.id),
    listUserSessions(db, me.id),
    listSanctionsInForce(db, me.id),
  ]);
  if (!user) throw redirect("/login");
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    account: {
      displayName: user.display_name,
      email: user.email ?? "",
      emailVerified: user.email_verified_at !== null,
      notifyReplies: user.notify_replies_by_email === 1,
    },
    saved: saved && saved in SAVED ? SAVED[saved as Saved] : null,
    sanctions,
    sessions: sessions.map((s) => ({
      id: s.id,
      device: describeDevice(s.user_agent),
      address: s.ip_address,
      createdAt: s.created_at,
      lastUsedAt: s.last_used_at,
      current: s.id === current?.session.id,
    })),
  };
}

const INTENTS = [
  "display-name",
  "email",
  "password",
  "notifications",
  "end-session",
  "end-other-sessions",
  "end-all-sessions",
  "delete-account",
] as const;
type Intent = (typeof INTENTS)[number];

const schemas = {
  "display-name": z.object({ displayName: displayNameField }),
  email: z.object({ newEmail: emailField, currentPassword: currentPasswordField }),
  password: z.object({ currentPassword: currentPasswordField, newPassword: newPasswordField }),
  notifications: z.object({ notifyReplies: z.literal("on").optional() }),
  "end-session": z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/, "That session was not found.") }),
  "delete-account": z.object({ currentPassword: currentPasswordField }),
};

/** The settings forms' fields that come back when a form fails, and how long each may be; passwords never do. */
const limits: FieldLimits = { displayName: DISPLAY_NAME_MAX, newEmail: EMAIL_MAX };
const passwords = ["currentPassword", "newPassword"];

type ActionResult = { intent: Intent | null; errors: FieldErrors; values: Record<string, string>; formError?: string };

function invalid(intent: Intent | null, errors: FieldErrors, values: Record<string, string> = {}, status = 400) {
  return data<ActionResult>({ intent, errors, values }, { status });
}

const saved = (what: Saved, init?: ResponseInit) => redirect(`/settings?saved=${what}`, init);

export async function action({ request }: ActionFunctionArgs) {
  // Only the signed-in person, on their own account; each change that matters asks for the password.
  const me = await requireUser(request);
  const current = await getSession(request);
  const form = await request.formData();
  const intent = INTENTS.find((i) => i === form.get("intent")) ?? null;
  const address = getClientAddress(request);
  const options = { limits, omitFromValues: passwords };
  const typed = () => formValues(form, limits, passwords);

  switch (intent) {
    case "display-name": {
      const parsed = parseForm(schemas[intent], form, options);
      if (!parsed.ok) return invalid(intent, parsed.errors, parsed.values);
      const outcome = await changeDisplayName(db, me.id, parsed.data.displayName);
      if (!outcome.ok) return invalid(intent, { displayName: outcome.message }, typed());
      return saved("name");
    }
    case "email": {
      const parsed = parseForm(schemas[intent], form, options);
      if (!parsed.ok) return invalid(intent, parsed.errors, parsed.values);
      const values = typed();
      const check = await confirmPassword(db, me.id, parsed.data.currentPassword, address);
      if (!check.ok) return invalid(intent, { currentPassword: check.message }, values);
      const outcome = await requestEmailChange(db, { userId: me.id, newEmail: parsed.data.newEmail, origin: siteOrigin(request) });
      if (outcome === "same") return invalid(intent, { newEmail: "That is already your email address." }, values);
      return saved("email");
    }
    case "password": {
      const parsed = parseForm(schemas[intent], form, options);
      if (!parsed.ok) return invalid(intent, parsed.errors, parsed.values);
      const { currentPassword, newPassword } = parsed.data;
      const problem =
        passwordProblem(newPassword, { email: me.email ?? "", displayName: me.displayName }) ??
        (newPassword === currentPassword ? "Choose a password different from your current one." : null);
      if (problem) return invalid(intent, { newPassword: problem });
      const check = await confirmPassword(db, me.id, currentPassword, address);
      if (!check.ok) return invalid(intent, { currentPassword: check.message });
      await changePassword(db, { userId: me.id, password: newPassword, origin: siteOrigin(request) });
      // Every session ended with the change; this browser carries on in a fresh one.
      const { token, session } = await createSession(db, me.id, {
        userAgent: request.headers.get("User-Agent") ?? "",
        ipAddress: address,
      });
      return saved("password", { headers: { "Set-Cookie": sessionCookie(request, token, session.expires_at) } });
    }
    case "notifications": {
      const parsed = parseForm(schemas[intent], form, options);
      if (!parsed.ok) return invalid(intent, parsed.errors, parsed.values);
      await setReplyNotifications(db, me.id, parsed.data.notifyReplies === "on");
      return saved("notifications");
    }
    case "end-session": {
      const parsed = parseForm(schemas[intent], form, options);
      if (!parsed.ok) return invalid(intent, {}, {}, 400);
      const ended = await endOwnSession(db, me.id, parsed.data.sessionId);
      if (parsed.data.sessionId === current?.session.id) {
        return redirect("/", { headers: { "Set-Cookie": blankSessionCookie(request) } });
      }
      if (!ended) return data<ActionResult>({ intent, errors: {}, values: {}, formError: "That session had already ended." }, { status: 400 });
      return saved("session-ended");
    }
    case "end-other-sessions": {
      await invalidateUserSessions(db, me.id, { except: current?.session.id });
      return saved("others-ended");
    }
    case "end-all-sessions": {
      await invalidateUserSessions(db, me.id);
      return redirect("/login?notice=signed-out", { headers: { "Set-Cookie": blankSessionCookie(request) } });
    }
    case "delete-account": {
      const parsed = parseForm(schemas[intent], form, options);
      if (!parsed.ok) return invalid(intent, parsed.errors, parsed.values);
      const check = await confirmPassword(db, me.id, parsed.data.currentPassword, address);
      if (!check.ok) return invalid(intent, { currentPassword: check.message });
      await deleteAccount(db, me.id);
      return redirect("/login?notice=deleted", { headers: { "Set-Cookie": blankSessionCookie(request) } });
    }
    default:
      return data<ActionResult>(
        { intent: null, errors: {}, values: {}, formError: "That form was not recognised. Reload the page and try again." },
        { status: 400 },
      );
  }
}

type Answer = ReturnType<typeof useActionData<typeof action>>;

/** One settings form: its own intent, its own errors and kept values, focus on its first error. */
function SettingsForm({
  intent,
  answer,
  children,
}: {
  intent: Intent;
  answer: Answer;
  children: (state: { errors: FieldErrors; values: Record<string, string> }) => ReactNode;
}) {
  const mine = answer?.intent === intent ? answer : undefined;
  const formRef = useRef<HTMLFormElement>(null);
  const formKey = useFormKey(mine);
  useFocusOnError(formRef, mine);
  return (
    <Form method="post" noValidate ref={formRef} key={formKey}>
      <input type="hidden" name="intent" value={intent} />
      <FormError message={mine?.formError} />
      {children({ errors: mine?.errors ?? {}, values: mine?.values ?? {} })}
    </Form>
  );
}

export default function SettingsPage() {
  const { account, saved: savedMessage, sessions, sanctions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="account-page settings">
      <h1>Your settings</h1>
      <SuccessNotice>{savedMessage}</SuccessNotice>
      {answer?.intent === null ? <FormError message={answer.formError} /> : null}
      {account.emailVerified ? null : (
        <div className="notice">
          <p>
            Your email address is not confirmed yet, so you cannot comment. Follow the link we sent to{" "}
            <strong>{account.email}</strong>, or ask for a new one.
          </p>
          <Form method="post" action="/verify-email">
            <button type="submit" className="button--secondary">
              Resend the link
            </button>
          </Form>
        </div>
      )}

      <AccountStanding sanctions={sanctions} />

      <section aria-labelledby="settings-name">
        <h2 id="settings-name">Display name</h2>
        <SettingsForm intent="display-name" answer={answer}>
          {({ errors, values }) => (
            <>
              <TextField
                id="displayName"
                name="displayName"
                label="Display name"
                hint="Shown with your comments."
                autoComplete="nickname"
                maxLength={80}
                defaultValue={values.displayName ?? account.displayName}
                error={errors.displayName}
              />
              <button type="submit" disabled={busy}>
                Save display name
              </button>
            </>
          )}
        </SettingsForm>
      </section>

      <section aria-labelledby="settings-email">
        <h2 id="settings-email">Email address</h2>
        <p>
          Your account uses <strong>{account.email}</strong>
          {account.emailVerified ? " (confirmed)" : " (not confirmed yet)"}. To change it, we send a link to the new
          address; the change happens when you follow it.
        </p>
        <SettingsForm intent="email" answer={answer}>
          {({ errors, values }) => (
            <>
              <TextField
                id="newEmail"
                name="newEmail"
                label="New email address"
                type="email"
                autoComplete="email"
                defaultValue={values.newEmail}
                error={errors.newEmail}
              />
              <TextField
                id="email-current-password"
                name="currentPassword"
                label="Current password"
                type="password"
                autoComplete="current-password"
                error={errors.currentPassword}
              />
              <button type="submit" disabled={busy}>
                Change email address
              </button>
            </>
          )}
        </SettingsForm>
      </section>

      <section aria-labelledby="settings-password">
        <h2 id="settings-password">Password</h2>
        <p>Changing your password signs your account out on every other device.</p>
        <SettingsForm intent="password" answer={answer}>
          {({ errors }) => (
            <>
              <TextField
                id="password-current"
                name="currentPassword"
                label="Current password"
                type="password"
                autoComplete="current-password"
                error={errors.currentPassword}
              />
              <TextField
                id="password-new"
                name="newPassword"
                label="New password"
                type="password"
                autoComplete="new-password"
                hint={`At least ${PASSWORD_MIN} characters.`}
                error={errors.newPassword}
              />
              <button type="submit" disabled={busy}>
                Change password
              </button>
            </>
          )}
        </SettingsForm>
        <p>
          Forgot your current password? <Link to="/forgot-password">Set a new one by email</Link>.
        </p>
      </section>

      <section aria-labelledby="settings-notifications">
        <h2 id="settings-notifications">Reply notifications</h2>
        <SettingsForm intent="notifications" answer={answer}>
          {() => (
            <>
              <CheckboxField
                id="notifyReplies"
                name="notifyReplies"
                label="Email me when someone replies to me"
                defaultChecked={account.notifyReplies}
              />
              <button type="submit" disabled={busy}>
                Save preferences
              </button>
            </>
          )}
        </SettingsForm>
      </section>

      <section aria-labelledby="settings-sessions">
        <h2 id="settings-sessions">Where you are signed in</h2>
        {answer?.intent === "end-session" ? <FormError message={answer.formError} /> : null}
        <SessionList sessions={sessions} busy={busy} />
      </section>

      <section aria-labelledby="settings-data">
        <h2 id="settings-data">Your data</h2>
        <p>
          <a href="/settings/data.json" download>
            Download your data
          </a>{" "}
          (JSON: your profile, comments with their stories, likes, reports you made, notifications and sanctions).
        </p>
      </section>

      <section aria-labelledby="settings-delete">
        <h2 id="settings-delete">Delete your account</h2>
        <p>
          Deleting your account removes your email address, password, name and settings for good. Your comments stay in
          their discussions, shown as written by &ldquo;Deleted user&rdquo;. This cannot be undone.
        </p>
        <SettingsForm intent="delete-account" answer={answer}>
          {({ errors }) => (
            <>
              <TextField
                id="delete-password"
                name="currentPassword"
                label="Type your password to confirm"
                type="password"
                autoComplete="current-password"
                error={errors.currentPassword}
              />
              <button type="submit" className="button--danger" disabled={busy}>
                Delete my account
              </button>
            </>
          )}
        </SettingsForm>
      </section>
    </div>
  );
}
