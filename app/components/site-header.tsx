import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { roleCan } from "~/auth/permissions";
import type { Role } from "../../db/schema";

export interface HeaderUser {
  id: number;
  displayName: string;
  role: Role;
  emailVerified: boolean;
  unread: number;
  /** Staff: comments waiting for a moderator (held, or reported), shown beside Moderation. */
  openItems?: number;
}

interface Props {
  siteName: string;
  tagline: string;
  categories: { slug: string; name: string }[];
  user: HeaderUser | null;
}

export function SiteHeader({ siteName, tagline, categories, user }: Props) {
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const comeBack = here.startsWith("/login") || here.startsWith("/join") ? "" : `?redirectTo=${encodeURIComponent(here)}`;
  return (
    <header className="site-header">
      <div className="site-header__top">
        <div className="site-brand">
          <Link to="/" className="site-brand__name">
            {siteName}
          </Link>
          <p className="site-brand__tagline">{tagline}</p>
        </div>
        {/* NavLink marks the section the reader is in (aria-current="page"), here as in the main nav,
            so that no other section looks current: /notifications is "Replies to you", not "Home". */}
        <nav className="site-account" aria-label="Your account">
          {user ? (
            <ul>
              {roleCan(user.role, "write:article") ? (
                <li>
                  <NavLink to="/editor">Newsroom</NavLink>
                </li>
              ) : null}
              {roleCan(user.role, "moderate:comment") ? (
                <li>
                  <NavLink to="/moderation">
                    Moderation
                    {user.openItems ? (
                      <span className="badge">
                        {user.openItems}
                        <span className="visually-hidden"> waiting</span>
                      </span>
                    ) : null}
                  </NavLink>
                </li>
              ) : null}
              {roleCan(user.role, "manage:users") ? (
                <li>
                  <NavLink to="/admin/users">Admin</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/notifications">
                  Replies to you
                  {user.unread > 0 ? (
                    <span className="badge">
                      {user.unread}
                      <span className="visually-hidden"> unread</span>
                    </span>
                  ) : null}
                </NavLink>
              </li>
              <li>
                <NavLink to="/settings" className="site-account__me">
                  {user.displayName}
                  <span className="visually-hidden"> (your settings)</span>
                </NavLink>
              </li>
              <li>
                <Form method="post" action="/logout" className="inline-form">
                  <button type="submit" className="button button--link">
                    Sign out
                  </button>
                </Form>
              </li>
            </ul>
          ) : (
            <ul>
              <li>
                <Link to={`/login${comeBack}`}>Sign in</Link>
              </li>
              <li>
                <Link to={`/join${comeBack}`}>Join</Link>
              </li>
            </ul>
          )}
        </nav>
      </div>
      <nav className="site-nav" aria-label="Main">
        <ul>
          <li>
            <NavLink to="/" end>
              Home
            </NavLink>
          </li>
          {categories.map((category) => (
            <li key={category.slug}>
              <NavLink to={`/categories/${category.slug}`}>{category.name}</NavLink>
            </li>
          ))}
          {/* On a phone the search form gives way to a link to the search page (the compact header). */}
          <li className="site-nav__search">
            <NavLink to="/search">Search</NavLink>
          </li>
        </ul>
      </nav>
      <Form method="get" action="/search" role="search" aria-label="Site search" className="site-search">
        <label htmlFor="site-search-q" className="visually-hidden">
          Search stories
        </label>
        <input id="site-search-q" type="search" name="q" placeholder="Search stories" maxLength={200} />
        <button type="submit" className="button--secondary">
          Search
        </button>
      </Form>
    </header>
  );
}
