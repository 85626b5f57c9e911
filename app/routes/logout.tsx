import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getSession } from "~/auth/guards.server";
import { blankSessionCookie, invalidateSession } from "~/auth/session.server";
import { db } from "~/db.server";

// Signing out is a POST (the header's "Sign out" button); anyone may do it, signed in or not.
export async function action({ request }: ActionFunctionArgs) {
  const current = await getSession(request);
  if (current) await invalidateSession(db, current.session.id);
  return redirect("/", { headers: { "Set-Cookie": blankSessionCookie(request) } });
}

export async function loader() {
  return redirect("/");
}
