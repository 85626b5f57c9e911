import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { z } from "zod";
import { requireAnonymous, safeRedirectPath } from "~/auth/guards.server";
import { accountPageTitle, useFocusOnError, useFormKey } from "~/components/account-forms";
import { CheckboxField, FormError, TextField } from "~/components/form-field";
import { db } from "~/db.server";
import { DISPLAY_NAME_MAX, DISPLAY_NAME_MIN, EMAIL_MAX, PASSWORD_MIN } from "~/models/account/limits";
import { displayNameField, emailField, newPasswordField, passwordProblem } from "~/models/account/rules.server";
import { signUp } from "~/models/account/account.server";
import { getClientAddress } from "~/auth/client-address.server";
import { formValues, parseForm, type FieldErrors, type FieldLimits } from "~/utils/forms";
import { siteOrigin } from "~/utils/site-origin.server";
import { joiningCookie, newJoiningSecret } from "~/auth/joining.server";

export const meta: MetaFunction = ({ matches }) => accountPageTitle(matches, "Join");

export async function loader({ request }: LoaderFunctionArgs) {
  // For visitors who are not signed in.
  await requireAnonymous(request);
  return { redirectTo: safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "") };
}

const schema = z
  .object({
    displayName: displayNameField,
    email: emailField,
    password: newPasswordField,
    terms: z.literal("on", { error: "Agree to the terms of posting to join." }),
    redirectTo: z.string().optional(),
  })
  .superRefine((form, ctx) => {
    const problem = passwordProblem(form.password, { email: form.email, displayName: form.displayName });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

const limits: FieldLimits = { displayName: DISPLAY_NAME_MAX, email: EMAIL_MAX };
const secret = ["password"];

type ActionResult = { errors: FieldErrors; values: Record<string, string>; formError?: string };

/** Where joining leads: the "check your email" page, which links on to where the visitor came from. */
function checkEmailPath(redirectTo: string | undefined): string {
  const back = safeRedirectPath(redirectTo, "");
  return `/verify-email?status=sent${back ? `&redirectTo=${encodeURIComponent(back)}` : ""}`;
}

export async function action({ request }: ActionFunctionArgs) {
  // For visitors who are not signed in; the join throttle limits accounts made from one address.
  await requireAnonymous(request);
  const form = await request.formData();
  const parsed = parseForm(schema, form, { limits, omitFromValues: secret });
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { displayName, email, password, redirectTo } = parsed.data;
  const values = formValues(form, limits, secret);

  const address = getClientAddress(request);
  const browser = newJoiningSecret();
  const returnTo = safeRedirectPath(redirectTo, "") || null;
  const result = await signUp(db, {
    displayName,
    email,
    password,
    origin: siteOrigin(request),
    address,
    joining: { browserHash: browser.hash, returnTo },
  });
  switch (result.kind) {
    case "name_refused":
      return data<ActionResult>({ errors: { displayName: result.message }, values }, { status: 400 });
    case "throttled":
      return data<ActionResult>({ errors: {}, values, formError: result.message }, { status: 429 });
    case "email_taken":
    case "created":
      // One answer for a new and a registered address: no session either way (a cookie only for new
      // addresses would tell anyone which addresses have accounts). A new account's owner confirms the
      // address from the mail, then signs in; a registered address's owner is told someone tried.
      // Both get the joining browser's cookie: a new account's link, followed here, signs its owner in.
      return redirect(checkEmailPath(redirectTo), { headers: { "Set-Cookie": joiningCookie(request, browser.value) } });
  }
}

export default function JoinPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
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
      <h1>Join</h1>
      <p>An account lets you comment on stories and reply to other residents.</p>
      <Form method="post" noValidate ref={formRef} key={formKey} className="account-form">
        <FormError message={actionData?.formError} />
        <input type="hidden" name="redirectTo" value={back} />
        <TextField
          id="displayName"
          name="displayName"
          label="Display name"
          hint={`Shown with your comments. ${DISPLAY_NAME_MIN} to ${DISPLAY_NAME_MAX} characters.`}
          autoComplete="nickname"
          maxLength={80}
          defaultValue={values.displayName}
          error={errors.displayName}
        />
        <TextField
          id="email"
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          hint="Never shown to anyone. We send a link to confirm it."
          defaultValue={values.email}
          error={errors.email}
        />
        <TextField
          id="password"
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong one.`}
          error={errors.password}
        />
        <CheckboxField
          id="terms"
          name="terms"
          label={
            <>
              I agree to the <Link to="/terms">terms of posting</Link>
            </>
          }
          defaultChecked={values.terms === "on"}
          error={errors.terms}
        />
        <div className="form-actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            Create account
          </button>
        </div>
      </Form>
      <p className="account-page__aside">
        Already have an account?{" "}
        <Link to={back ? `/login?redirectTo=${encodeURIComponent(back)}` : "/login"}>Sign in</Link>.
      </p>
    </div>
  );
}
