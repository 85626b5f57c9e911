import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getSession } from "~/auth/guards.server";
import { createSession, invalidateSession, sessionCookie } from "~/auth/session.server";
import { getClientAddress } from "~/auth/client-address.server";
import { accountPageTitle } from "~/components/account-forms";
import { db } from "~/db.server";
import { signInWithLink } from "~/models/account/sign-in.server";
import { findUsableAccountToken, TOKEN_LIFETIME_MS } from "~/models/account/token.server";

// The token is in the address: keep it out of Referer headers.
export const meta: MetaFunction = ({ matches }) => [
  ...accountPageTitle(matches, "Sign in with a link"),
  { name: "referrer", content: "no-referrer" },
];

const PRIVATE = { "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" };

// The page's own answer carries the loader's (or a failed action's) headers, not only its data request.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Cache-Control") ? actionHeaders : loaderHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  // Public: the link's token is the permission. Looking does not use it up, so a mail scanner that
  // opens links cannot spend it; the button below does.
  const token = await findUsableAccountToken(db, params.token ?? "", "sign_in");
  return data({ valid: token !== undefined, minutes: Math.round(TOKEN_LIFETIME_MS.sign_in / 60_000) }, { headers: PRIVATE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Public: the token is the permission, checked and used up in one statement in signInWithLink.
  const address = getClientAddress(request);
  const user = await signInWithLink(db, params.token ?? "", address);
  if (!user) return data({ failed: true }, { status: 400, headers: PRIVATE });
  // A new session, as with a password; one this browser already had ends.
  const previous = await getSession(request);
  if (previous) await invalidateSession(db, previous.session.id);
  const { token, session } = await createSession(db, user.id, {
    userAgent: request.headers.get("User-Agent") ?? "",
    ipAddress: address,
  });
  return redirect("/", { headers: { ...PRIVATE, "Set-Cookie": sessionCookie(request, token, session.expires_at) } });
}

export default function SignInLinkPage() {
  const { valid, minutes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  if (!valid || actionData?.failed) {
    return (
      <div className="account-page">
        <h1>This link does not work</h1>
        <p>Sign-in links work once, within {minutes} minutes. This one has expired or has been used already.</p>
        <p>
          <Link to="/login">Sign in with your password</Link> or <Link to="/forgot-password">set a new password</Link>.
        </p>
      </div>
    );
  }
  return (
    <div className="account-page">
      <h1>Sign in with a link</h1>
      <p>This link signs you in once. It came to you because your account was locked after too many wrong passwords.</p>
      <Form method="post" className="account-form">
        <div className="form-actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            Sign in
          </button>
        </div>
      </Form>
    </div>
  );
}
