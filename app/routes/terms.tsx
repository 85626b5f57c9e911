import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { getPageContent } from "~/models/setting.server";
import { listTermsRules } from "~/models/terms.server";
import { getModerationSettings } from "~/models/moderation/hold-rules.server";
import { reviewRulesInWords } from "~/models/moderation/review-rules";

export const meta: MetaFunction = () => [{ title: "Terms of posting" }];

export async function loader() {
  // Public page.
  const [intro, rules, settings] = await Promise.all([getPageContent(db, "terms_intro"), listTermsRules(db), getModerationSettings(db)]);
  // The rules that hold comments, said from the settings that apply them: the page cannot drift from them.
  return { introHtml: intro?.html ?? "", rules, review: reviewRulesInWords(settings) };
}

export default function TermsPage() {
  const { introHtml, rules, review } = useLoaderData<typeof loader>();
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
      <section id="review" aria-labelledby="review-heading">
        <h2 id="review-heading">When a comment waits for a moderator</h2>
        <p>{review.lead}</p>
        {review.rules.length > 0 ? (
          <ul>
            {review.rules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        ) : null}
        <p>
          Before you post, the comment box tells you when your comment will wait, and why. A comment that waits is shown to you,
          marked as awaiting a moderator, until it is approved or turned down.
        </p>
      </section>
      <section id="appeals" aria-labelledby="appeals-heading">
        <h2 id="appeals-heading">How to appeal a decision</h2>
        <p>
          If you think a moderator got a decision wrong (a comment turned down or removed, a warning, a suspension or a ban),
          write to the editor within 14 days, saying which comment or decision you mean and why you think it was wrong. A
          member of staff other than the one who decided will look at it again and tell you the outcome. While you wait, a
          suspension stays in force; you can still read everything and manage your account in your settings.
        </p>
      </section>
      <p>
        Every comment our moderators take down is listed, with the rule it broke, in the{" "}
        <Link to="/moderation-log">moderation log</Link>.
      </p>
    </article>
  );
}
