import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { z } from "zod";
import { getSession, requireAnonymous, safeRedirectPath } from "~/auth/guards.server";
import { createSession, invalidateSession, sessionCookie } from "~/auth/session.server";
import { accountPageTitle, SuccessNotice, useFocusOnError, useFormKey } from "~/components/account-forms";
import { FormError, TextField } from "~/components/form-field";
import { db } from "~/db.server";
import { EMAIL_MAX } from "~/models/account/limits";
import { currentPasswordField, emailField } from "~/models/account/rules.server";
import { signIn } from "~/models/account/sign-in.server";
import { getClientAddress } from "~/auth/client-address.server";
import { formValues, parseForm, type FieldErrors, type FieldLimits } from "~/utils/forms";
import { siteOrigin } from "~/utils/site-origin.server";

export const meta: MetaFunction = ({ matches }) => accountPageTitle(matches, "Sign in");

const NOTICES = {
  "password-reset": "Your password is changed. Sign in with the new one.",
  deleted: "Your account has been deleted.",
  "signed-out": "You are signed out on every device.",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  // For visitors who are not signed in; a signed-in person has nothing to do here.
  await requireAnonymous(request);
  const url = new URL(request.url);
  const notice = url.searchParams.get("notice");
  return {
    redirectTo: safeRedirectPath(url.searchParams.get("redirectTo"), ""),
    notice: notice && Object.hasOwn(NOTICES, notice) ? NOTICES[notice as keyof typeof NOTICES] : null,
  };
}

const schema = z.object({
  email: emailField,
  password: currentPasswordField,
  redirectTo: z.string().optional(),
});
const limits: FieldLimits = { email: EMAIL_MAX };
const secret = ["password"];

type ActionResult = { errors: FieldErrors; values: Record<string, string>; formError?: string };

export async function action({ request }: ActionFunctionArgs) {
  // Anyone may try to sign in; the throttle in signIn limits guessing.
  const form = await request.formData();
  const parsed = parseForm(schema, form, { limits, omitFromValues: secret });
  // A return address is echoed only when it is one this site would follow (and so of bounded size).
  const echo = (values: Record<string, string>) => ({ ...values, redirectTo: safeRedirectPath(values.redirectTo, "") });
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, values: echo(parsed.values) }, { status: 400 });

  const address = getClientAddress(request);
  const result = await signIn(db, { email: parsed.data.email, password: parsed.data.password, address, origin: siteOrigin(request) });
  const values = echo(formValues(form, limits, secret));
  if (result.kind === "locked") {
    // The same page whether the password was right (a link is on its way) or not.
    return data<ActionResult>({ errors: {}, values, formError: result.message }, { status: 429 });
  }
  if (result.kind === "refused") {
    const errors: FieldErrors = result.passwordError ? { password: result.passwordError } : {};
    return data<ActionResult>(
      { errors, values, formError: result.throttleMessage },
      { status: result.throttleMessage ? 429 : 400 },
    );
  }

  // A new session on every sign-in; one this browser already had ends (no session fixation).
  const previous = await getSession(request);
  if (previous) await invalidateSession(db, previous.session.id);
  const { token, session } = await createSession(db, result.user.id, {
    userAgent: request.headers.get("User-Agent") ?? "",
    ipAddress: address,
  });
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": sessionCookie(request, token, session.expires_at) },
  });
}

export default function LoginPage() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const formKey = useFormKey(actionData);
  useFocusOnError(formRef, actionData);
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const back = values.redirectTo || redirectTo;
  return (
    <div className="account-page">
      <h1>Sign in</h1>
      <SuccessNotice>{notice}</SuccessNotice>
      <Form method="post" noValidate ref={formRef} key={formKey} className="account-form">
        <FormError message={actionData?.formError} />
        <input type="hidden" name="redirectTo" value={back} />
        <TextField
          id="email"
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          defaultValue={values.email}
          error={errors.email}
        />
        <TextField
          id="password"
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password}
        />
        <div className="form-actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            Sign in
          </button>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </Form>
      <p className="account-page__aside">
        New here? <Link to={back ? `/join?redirectTo=${encodeURIComponent(back)}` : "/join"}>Join</Link> to comment on stories.
      </p>
    </div>
  );
}
