import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { getPageContent } from "~/models/setting.server";

export const meta: MetaFunction = () => [{ title: "About" }];

export async function loader() {
  // Public page.
  const about = await getPageContent(db, "about");
  return { html: about?.html ?? "" };
}

export default function AboutPage() {
  const { html } = useLoaderData<typeof loader>();
  return (
    <article className="page" aria-labelledby="about-heading">
      <h1 id="about-heading">About</h1>
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
