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
  return { introHtml: intro?.html ?? "", rules, review: reviewRulesInWords(settings), appealDays: settings.appealDays };
}

export default function TermsPage() {
  const { introHtml, rules, review, appealDays } = useLoaderData<typeof loader>();
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
          If you think a moderator got a decision about you wrong (a comment not published or removed, a warning,
          pre-moderation, a suspension or a ban), you can appeal it once, within {appealDays} {appealDays === 1 ? "day" : "days"}, from{" "}
          <Link to="/appeals">your appeals page</Link> or the link beside the decision. Say in a few words why you think it was
          wrong. A moderator other than the one who decided (an admin, when there is no other) looks at it again and either
          upholds or reverses it, with a reason that you are told. Reversals are listed in the moderation log. While you wait, the
          decision stays in force; you can still read everything and manage your account in your settings.
        </p>
      </section>
      <p>
        Every comment our moderators take down is listed, with the rule it broke, in the{" "}
        <Link to="/moderation-log">moderation log</Link>.
      </p>
    </article>
  );
}
