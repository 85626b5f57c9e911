import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { markNotificationRead } from "~/models/notification.server";

/**
 * Opening one notice from "Replies to you": a POST (reading it changes it), so it works without
 * JavaScript and a prefetch or a crawler never marks anything read. Marks it read, then goes to the reply.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const notificationId = Number(params.id);
  if (!Number.isSafeInteger(notificationId) || notificationId < 1) throw new Response("No such notice", { status: 404 });
  const opened = await markNotificationRead(db, { userId: user.id, notificationId });
  if (!opened) throw new Response("No such notice", { status: 404 });
  return redirect(opened.href);
}

export async function loader() {
  return redirect("/notifications");
}
