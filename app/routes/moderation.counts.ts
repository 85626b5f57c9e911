import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { countWaiting } from "~/models/moderation/queue.server";

/**
 * The queue's counts alone, for a moderator's open queue page to ask when its live stream says the
 * queue moved (ADR 15). Never cached: it is asked precisely because something changed.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "moderate:comment");
  return Response.json(await countWaiting(db), { headers: { "Cache-Control": "no-store" } });
}
