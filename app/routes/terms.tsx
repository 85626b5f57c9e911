import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { getPageContent } from "~/models/setting.server";
import { listTermsRules } from "~/models/terms.server";

export const meta: MetaFunction = () => [{ title: "Terms of posting" }];

export async function loader() {
  // Public page.
  const [intro, rules] = await Promise.all([getPageContent(db, "terms_intro"), listTermsRules(db)]);
  return { introHtml: intro?.html ?? "", rules };
}

export default function TermsPage() {
  const { introHtml, rules } = useLoaderData<typeof loader>();
  return (
    <article className="page" aria-labelledby="terms-heading">
      <h1 id="terms-heading">Terms of posting</h1>
      {introHtml ? <div className="prose" dangerouslySetInnerHTML={{ __html: introHtml }} /> : null}
      <ol className="terms-rules">
        {rules.map((rule) => (
          <li key={rule.id} id={`rule-${rule.number}`} value={rule.number}>
            <h2>{rule.title}</h2>
            <p>{rule.body}</p>
          </li>
        ))}
      </ol>
      <p>
        Every comment our moderators take down is listed, with the rule it broke, in the{" "}
        <Link to="/moderation-log">moderation log</Link>.
      </p>
    </article>
  );
}
