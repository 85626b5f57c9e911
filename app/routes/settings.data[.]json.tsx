import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { exportPersonalData } from "~/models/account/personal-data.server";

// "Download your data": only the signed-in person, only their own account, never cached.
export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireUser(request);
  const data = await exportPersonalData(db, me.id);
  if (!data) throw new Response("Not found", { status: 404 });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="parley-data-${me.id}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
