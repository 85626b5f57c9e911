import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { followEmailLink } from "~/models/account/account.server";
import { getClientAddress } from "~/auth/client-address.server";

/**
 * The link in a confirmation mail. Public: the token is the permission. It is used at once and the
 * browser is sent on to a page without it, so the token stays out of history and Referer headers.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const result = await followEmailLink(db, params.token ?? "", getClientAddress(request));
  return redirect(`/verify-email?status=${result.kind}`, { headers: { "Referrer-Policy": "no-referrer" } });
}
