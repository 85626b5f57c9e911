import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { followEmailLink } from "~/models/account/account.server";
import { getClientAddress } from "~/auth/client-address.server";
import { getSession, safeRedirectPath } from "~/auth/guards.server";
import { blankJoiningCookie, isJoiningBrowser } from "~/auth/joining.server";
import { createSession, invalidateSession, sessionCookie } from "~/auth/session.server";

/**
 * The link in a confirmation mail. Public: the token is the permission. It is used at once and the
 * browser is sent on to a page without it, so the token stays out of history and Referer headers.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const address = getClientAddress(request);
  const result = await followEmailLink(db, params.token ?? "", address);
  const headers = new Headers({ "Referrer-Policy": "no-referrer" });
  if (result.kind !== "verified") return redirect(`/verify-email?status=${result.kind}`, { headers });
  const returnTo = safeRedirectPath(result.returnTo, "");
  if (isJoiningBrowser(request, result.browserHash)) {
    // The browser that joined: signed in, and back where the resident came from (issue 29 part 6).
    const previous = await getSession(request);
    if (previous) await invalidateSession(db, previous.session.id);
    const { token, session } = await createSession(db, result.userId, { userAgent: request.headers.get("User-Agent") ?? "", ipAddress: address });
    headers.append("Set-Cookie", sessionCookie(request, token, session.expires_at));
    headers.append("Set-Cookie", blankJoiningCookie(request));
    return redirect(returnTo || "/verify-email?status=verified", { headers });
  }
  const back = returnTo ? `&redirectTo=${encodeURIComponent(returnTo)}` : "";
  return redirect(`/verify-email?status=verified${back}`, { headers });
}
