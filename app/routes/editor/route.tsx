import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { countOpenCorrectionReports } from "~/models/article/correction.server";

/** The newsroom's frame: its own navigation above every /editor page. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "write:article");
  return { openReports: await countOpenCorrectionReports(db) };
}

// A live preview changes nothing the frame shows.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

export default function NewsroomLayout() {
  const { openReports } = useLoaderData<typeof loader>();
  return (
    <div className="newsroom">
      <nav className="newsroom-nav" aria-label="Newsroom">
        <ul>
          <li>
            <NavLink to="/editor" end>
              Stories
            </NavLink>
          </li>
          <li>
            <NavLink to="/editor/new">Write a story</NavLink>
          </li>
          <li>
            <NavLink to="/editor/corrections">
              Corrections{openReports ? ` (${openReports} open)` : ""}
            </NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
