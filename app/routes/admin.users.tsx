import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ROLES, type Role } from "../../db/schema";
import { requirePermission } from "~/auth/guards.server";
import { accountPageTitle, SuccessNotice } from "~/components/account-forms";
import { FormError } from "~/components/form-field";
import { Time } from "~/components/time";
import { db } from "~/db.server";
import { changeUserRole, getUserById, searchUsers } from "~/models/user.server";
import { pageFromUrl, MAX_ID } from "~/utils/http";

export const meta: MetaFunction = ({ matches }) => accountPageTitle(matches, "People and roles");

const ROLE_NAMES: Record<Role, string> = { resident: "Resident", editor: "Editor", moderator: "Moderator", admin: "Admin" };
const WITH_ARTICLE: Record<Role, string> = { resident: "a resident", editor: "an editor", moderator: "a moderator", admin: "an admin" };
const STATUS_NAMES = { active: "Active", suspended: "Suspended", banned: "Banned", deleted: "Deleted" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  // Admins only.
  await requirePermission(request, "manage:users");
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").slice(0, 100);
  const result = await searchUsers(db, { query, page: pageFromUrl(request) });
  return { query, ...result };
}

const schema = z.object({
  userId: z.coerce.number().int().positive().max(MAX_ID),
  role: z.enum(ROLES, { error: "Choose a role from the list." }),
});

type ActionResult =
  | { ok: true; message: string }
  | { ok: false; userId: number | null; error: string };

export async function action({ request }: ActionFunctionArgs) {
  // Admins only.
  const admin = await requirePermission(request, "manage:users");
  const form = await request.formData();
  const parsed = schema.safeParse({ userId: form.get("userId"), role: form.get("role") });
  if (!parsed.success) {
    const userId = Number(form.get("userId")) || null;
    return data<ActionResult>({ ok: false, userId, error: parsed.error.issues[0]?.message ?? "Choose a role." }, { status: 400 });
  }
  const { userId, role } = parsed.data;
  if (userId === admin.id && role !== "admin") {
    return data<ActionResult>(
      { ok: false, userId, error: "You cannot remove your own admin role. Ask another admin to do it." },
      { status: 400 },
    );
  }
  const outcome = await changeUserRole(db, { adminId: admin.id, userId, role });
  if (outcome === "not_found") {
    return data<ActionResult>({ ok: false, userId, error: "That account no longer exists." }, { status: 404 });
  }
  const user = await getUserById(db, userId);
  const name = user?.display_name ?? "That account";
  return data<ActionResult>({
    ok: true,
    message:
      outcome === "changed" ? `${name} is now ${WITH_ARTICLE[role]}.` : `${name} already had that role.`,
  });
}

function pageLink(query: string, page: number) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return `/admin/users${search ? `?${search}` : ""}`;
}

export default function AdminUsersPage() {
  const { query, users, page, hasNextPage } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="admin-users">
      <h1>People and roles</h1>
      {answer?.ok ? <SuccessNotice>{answer.message}</SuccessNotice> : null}
      {answer && !answer.ok && answer.userId === null ? <FormError message={answer.error} /> : null}
      <Form method="get" className="admin-users__search" role="search">
        <div className="field">
          <label htmlFor="q">Search by name or email</label>
          <input id="q" name="q" type="search" defaultValue={query} />
        </div>
        <button type="submit">Search</button>
        {query ? <Link to="/admin/users">Show everyone</Link> : null}
      </Form>
      {users.length === 0 ? (
        <p>{query ? `No one matches “${query}”.` : "There are no accounts yet."}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-users__table">
            <caption className="visually-hidden">
              {`Accounts${query ? ` matching “${query}”` : ""}, page ${page}`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Status</th>
                <th scope="col">Joined</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => {
                const error = answer && !answer.ok && answer.userId === user.id ? answer.error : undefined;
                return (
                  <tr key={user.id}>
                    <th scope="row">
                      <Link to={`/users/${user.id}`}>{user.displayName}</Link>
                    </th>
                    <td>
                      {user.email}
                      <br />
                      <span className="admin-users__muted">{user.emailVerified ? "confirmed" : "not confirmed"}</span>
                    </td>
                    <td>{STATUS_NAMES[user.status]}</td>
                    <td>
                      <Time iso={user.createdAt} dateOnly />
                    </td>
                    <td>
                      <Form method="post" className="admin-users__role">
                        <input type="hidden" name="userId" value={user.id} />
                        <label htmlFor={`role-${user.id}`} className="visually-hidden">
                          {`Role of ${user.displayName}`}
                        </label>
                        <select
                          id={`role-${user.id}`}
                          name="role"
                          defaultValue={user.role}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `role-${user.id}-error` : undefined}
                        >
                          {ROLES.map((role) => (
                            <option key={role} value={role}>
                              {ROLE_NAMES[role]}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button--secondary" disabled={busy}>
                          Change role<span className="visually-hidden">{` of ${user.displayName}`}</span>
                        </button>
                        {error ? (
                          <p id={`role-${user.id}-error`} className="field-error">
                            {error}
                          </p>
                        ) : null}
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pagination" aria-label="Pages of accounts">
        {page > 1 ? (
          <Link to={pageLink(query, page - 1)} rel="prev">
            Previous page
          </Link>
        ) : null}
        <span>{`Page ${page}`}</span>
        {hasNextPage ? (
          <Link to={pageLink(query, page + 1)} rel="next">
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
