import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { z } from "zod";
import { createSession, sessionCookie } from "~/auth/session.server";
import { accountPageTitle, useFocusOnError, useFormKey } from "~/components/account-forms";
import { FormError, TextField } from "~/components/form-field";
import { db } from "~/db.server";
import { findUsableAccountToken } from "~/models/account/token.server";
import { PASSWORD_MIN } from "~/models/account/limits";
import { newPasswordField, passwordProblem } from "~/models/account/rules.server";
import { resetPasswordWithToken } from "~/models/account/account.server";
import { loaderHeadersOnly } from "~/utils/http";
import { getClientAddress } from "~/auth/client-address.server";
import { getUserById } from "~/models/user.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { siteOrigin } from "~/utils/site-origin.server";

// The token is in the address: keep it out of Referer headers.
export const meta: MetaFunction = ({ matches }) => [
  ...accountPageTitle(matches, "Choose a new password"),
  { name: "referrer", content: "no-referrer" },
];

// The token is in the address: the page's own Referrer-Policy keeps it from leaving with any link.
export const headers = loaderHeadersOnly;

export async function loader({ params }: LoaderFunctionArgs) {
  // Public: the link's token is the permission. Looking does not use it up.
  const token = await findUsableAccountToken(db, params.token ?? "", "reset_password");
  return data({ valid: token !== undefined }, { headers: { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } });
}

const schema = z.object({ password: newPasswordField });

type ActionResult = { errors: FieldErrors; formError?: string };

const EXPIRED = "This link has expired or has been used already. Ask for a new one below.";

export async function action({ request, params }: ActionFunctionArgs) {
  // Public: the token is the permission, checked and used up in resetPasswordWithToken.
  const tokenValue = params.token ?? "";
  const parsed = parseForm(schema, await request.formData(), { omitFromValues: ["password"] });
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors }, { status: 400 });
  const token = await findUsableAccountToken(db, tokenValue, "reset_password");
  const owner = token ? await getUserById(db, token.user_id) : undefined;
  const problem = passwordProblem(parsed.data.password, { email: owner?.email ?? "", displayName: owner?.display_name });
  if (owner && problem) return data<ActionResult>({ errors: { password: problem } }, { status: 400 });

  const address = getClientAddress(request);
  const user = await resetPasswordWithToken(db, {
    token: tokenValue,
    password: parsed.data.password,
    address,
    origin: siteOrigin(request),
  });
  if (!user) return data<ActionResult>({ errors: {}, formError: EXPIRED }, { status: 400 });

  // Every session ended with the reset (this browser's too, if it had one); start a fresh one here.
  const { token: sessionToken, session } = await createSession(db, user.id, {
    userAgent: request.headers.get("User-Agent") ?? "",
    ipAddress: address,
  });
  return redirect("/settings?saved=password-reset", {
    headers: { "Set-Cookie": sessionCookie(request, sessionToken, session.expires_at), "Referrer-Policy": "no-referrer" },
  });
}

export default function ResetPasswordPage() {
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const formKey = useFormKey(actionData);
  useFocusOnError(formRef, actionData);
  if (!valid && !actionData) {
    return (
      <div className="account-page">
        <h1>This link does not work</h1>
        <p>Reset links work once, within one hour. This one has expired or has been used already.</p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="account-page">
      <h1>Choose a new password</h1>
      <p>Setting a new password signs your account out on every device; you stay signed in here.</p>
      <Form method="post" noValidate ref={formRef} key={formKey} className="account-form">
        <FormError message={actionData?.formError} />
        {actionData?.formError ? (
          <p>
            <Link to="/forgot-password">Ask for a new link</Link>
          </p>
        ) : null}
        <TextField
          id="password"
          name="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong one.`}
          error={actionData?.errors.password}
        />
        <div className="form-actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            Set new password
          </button>
        </div>
      </Form>
    </div>
  );
}
