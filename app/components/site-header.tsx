import { Link, NavLink } from "@remix-run/react";

interface Props {
  siteName: string;
  tagline: string;
  categories: { slug: string; name: string }[];
}

export function SiteHeader({ siteName, tagline, categories }: Props) {
  return (
    <header className="site-header">
      <div className="site-header__top">
        <div className="site-brand">
          <Link to="/" className="site-brand__name">
            {siteName}
          </Link>
          <p className="site-brand__tagline">{tagline}</p>
        </div>
        <div className="site-account" aria-label="Your account">
          <Link to="/login">Sign in</Link>
          <span aria-hidden="true"> · </span>
          <Link to="/join">Join</Link>
        </div>
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
        </ul>
      </nav>
    </header>
  );
}
