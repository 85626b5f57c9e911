import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { z } from "zod";
import { accountPageTitle, SuccessNotice, useFocusOnError, useFormKey } from "~/components/account-forms";
import { FormError, TextField } from "~/components/form-field";
import { db } from "~/db.server";
import { EMAIL_MAX } from "~/models/account/limits";
import { emailField } from "~/models/account/rules.server";
import { requestPasswordReset } from "~/models/account/account.server";
import { getClientAddress } from "~/auth/client-address.server";
import { formValues, parseForm, type FieldErrors, type FieldLimits } from "~/utils/forms";
import { siteOrigin } from "~/utils/site-origin.server";

export const meta: MetaFunction = ({ matches }) => accountPageTitle(matches, "Forgot your password?");

export async function loader({ request }: LoaderFunctionArgs) {
  // Public: anyone may ask for a reset link, signed in or not.
  return { sent: new URL(request.url).searchParams.get("sent") === "1" };
}

const schema = z.object({ email: emailField });
const limits: FieldLimits = { email: EMAIL_MAX };

type ActionResult = { errors: FieldErrors; values: Record<string, string>; formError?: string };

export async function action({ request }: ActionFunctionArgs) {
  // Public; limited per address asked for and per client address. The answer never says whether the
  // address has an account.
  const form = await request.formData();
  const parsed = parseForm(schema, form, { limits });
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await requestPasswordReset(db, {
    email: parsed.data.email,
    origin: siteOrigin(request),
    address: getClientAddress(request),
  });
  if (!result.ok) {
    return data<ActionResult>({ errors: {}, values: formValues(form, limits), formError: result.message }, { status: 429 });
  }
  return redirect("/forgot-password?sent=1");
}

export default function ForgotPasswordPage() {
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const formKey = useFormKey(actionData);
  useFocusOnError(formRef, actionData);
  if (sent && !actionData) {
    return (
      <div className="account-page">
        <h1>Check your email</h1>
        <SuccessNotice>
          If an account uses that address, we have sent it a link to choose a new password. The link works once, within
          one hour.
        </SuccessNotice>
        <p>
          No message after a few minutes? Look in your spam folder, or <Link to="/forgot-password">ask again</Link>.
        </p>
      </div>
    );
  }
  return (
    <div className="account-page">
      <h1>Forgot your password?</h1>
      <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
      <Form method="post" noValidate ref={formRef} key={formKey} className="account-form">
        <FormError message={actionData?.formError} />
        <TextField
          id="email"
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          defaultValue={actionData?.values.email}
          error={actionData?.errors.email}
        />
        <div className="form-actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            Send reset link
          </button>
          <Link to="/login">Back to sign in</Link>
        </div>
      </Form>
    </div>
  );
}
