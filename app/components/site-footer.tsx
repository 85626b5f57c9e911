import { Link } from "@remix-run/react";

export function SiteFooter({ siteName }: { siteName: string }) {
  return (
    <footer className="site-footer">
      <nav aria-label="Site information">
        <ul>
          <li>
            <Link to="/about">About {siteName}</Link>
          </li>
          <li>
            <Link to="/terms">Terms of posting</Link>
          </li>
          <li>
            <Link to="/moderation-log">Moderation log</Link>
          </li>
        </ul>
      </nav>
      <p>Comments are the views of their authors. Powered by Parley.</p>
    </footer>
  );
}
