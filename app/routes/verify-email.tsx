import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getOptionalUser, requireUser, safeRedirectPath } from "~/auth/guards.server";
import { accountPageTitle, SuccessNotice } from "~/components/account-forms";
import { FormError } from "~/components/form-field";
import { db } from "~/db.server";
import { resendVerification } from "~/models/account/account.server";
import { siteOrigin } from "~/utils/site-origin.server";

export const meta: MetaFunction = ({ matches }) => accountPageTitle(matches, "Confirm your email address");

const STATUSES = ["sent", "resent", "verified", "changed", "invalid", "address_taken"] as const;
type Status = (typeof STATUSES)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  // Public: the page after joining and after following a link, signed in or not.
  const url = new URL(request.url);
  const raw = url.searchParams.get("status");
  const status = STATUSES.find((s) => s === raw) ?? null;
  const user = await getOptionalUser(request);
  return {
    status,
    redirectTo: safeRedirectPath(url.searchParams.get("redirectTo"), ""),
    user: user ? { displayName: user.displayName, emailVerified: user.emailVerified } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  // Only the signed-in owner of an account may ask for a new link to it.
  const user = await requireUser(request);
  const result = await resendVerification(db, user.id, siteOrigin(request));
  if (!result.ok) return data({ formError: result.message }, { status: result.message.startsWith("We have sent") ? 429 : 400 });
  return redirect("/verify-email?status=resent");
}

function ResendForm({ label = "Send me a new link" }: { label?: string }) {
  return (
    <Form method="post" action="/verify-email">
      <button type="submit" className="button--secondary">
        {label}
      </button>
    </Form>
  );
}

function Message({ status, signedIn, verified, redirectTo }: { status: Status | null; signedIn: boolean; verified: boolean; redirectTo: string }) {
  // Signing in from here comes back to where the resident was when they joined.
  const signIn = redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login";
  switch (status) {
    case "sent":
    case "resent":
      return (
        <>
          <h1>Check your email</h1>
          <SuccessNotice>
            We have sent a message to the address you gave. Follow the link in it within 48 hours to confirm your
            address.
          </SuccessNotice>
          {signedIn ? (
            <>
              <p>
                You are signed in: you can read and set up your account now, and comment once your address is
                confirmed. No message after a few minutes? Look in your spam folder, or ask for the link again.
              </p>
              <ResendForm label="Send the link again" />
            </>
          ) : (
            <p>
              Follow the link in it from this browser and you are signed in and brought back here; from
              another device, it confirms your address and you <Link to={signIn}>sign in</Link> with the password
              you chose. No message after a few minutes? Look in your spam folder.
            </p>
          )}
        </>
      );
    case "verified":
      return (
        <>
          <h1>Email address confirmed</h1>
          <SuccessNotice>Thank you: your email address is confirmed, and you can comment on stories.</SuccessNotice>
          {signedIn ? null : (
            <p>
              <Link to={signIn}>Sign in</Link> to take part.
            </p>
          )}
        </>
      );
    case "changed":
      return (
        <>
          <h1>Email address changed</h1>
          <SuccessNotice>Your account now uses its new email address, and it is confirmed.</SuccessNotice>
        </>
      );
    case "address_taken":
      return (
        <>
          <h1>That address is taken</h1>
          <p>That email address now belongs to another account, so your address was not changed.</p>
        </>
      );
    case "invalid":
      return (
        <>
          <h1>This link does not work</h1>
          <p>It may have expired (links last 48 hours), or it has been used already.</p>
          {signedIn && !verified ? (
            <ResendForm />
          ) : signedIn ? null : (
            <p>
              <Link to="/login?redirectTo=%2Fverify-email">Sign in</Link> to ask for a new link.
            </p>
          )}
        </>
      );
    default:
      return signedIn && !verified ? (
        <>
          <h1>Confirm your email address</h1>
          <p>Your email address is not confirmed yet. Follow the link we sent you, or ask for a new one.</p>
          <p>
            <ResendForm />
          </p>
        </>
      ) : signedIn ? (
        <>
          <h1>Email address confirmed</h1>
          <p>Your email address is confirmed.</p>
        </>
      ) : (
        <>
          <h1>Confirm your email address</h1>
          <p>
            Follow the link in the message we sent you. To ask for a new one,{" "}
            <Link to="/login?redirectTo=%2Fverify-email">sign in</Link> first.
          </p>
        </>
      );
  }
}

export default function VerifyEmailPage() {
  const { status, redirectTo, user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="account-page">
      <Message status={status} signedIn={user !== null} verified={user?.emailVerified ?? false} redirectTo={redirectTo} />
      <FormError message={actionData?.formError} />
      <p>
        <Link to={redirectTo || "/"}>{redirectTo ? "Continue where you were" : "Go to the front page"}</Link>
        {user ? (
          <>
            {" "}
            · <Link to="/settings">Your settings</Link>
          </>
        ) : null}
      </p>
    </div>
  );
}
