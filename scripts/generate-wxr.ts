import { createWriteStream } from "node:fs";

/**
 * A large WordPress export for the import's memory test: `tsx scripts/generate-wxr.ts FILE COMMENTS [PER_STORY]`.
 * Stories of 500 comments each (or PER_STORY), threads up to six deep, 2,000 commenters, a tenth of them held.
 */
const [file = "big.wxr.xml", total = "50000", per = "500"] = process.argv.slice(2);
const comments = Number(total);
const perStory = Number(per);
const out = createWriteStream(file);
const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((ok) => out.once("drain", () => ok())));

await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>The Skerrin Gazette (generated)</title>
<link>https://big.skerrin.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://big.skerrin.example</wp:base_site_url>
<wp:author><wp:author_login><![CDATA[desk]]></wp:author_login><wp:author_email><![CDATA[desk@big.skerrin.example]]></wp:author_email><wp:author_display_name><![CDATA[News Desk]]></wp:author_display_name></wp:author>
`);
let id = 1;
for (let story = 1; id <= comments; story++) {
  await write(`<item><title>Story ${story} about the harbour</title><link>https://big.skerrin.example/2020/01/${String((story % 28) + 1).padStart(2, "0")}/story-${story}/</link>
<dc:creator><![CDATA[desk]]></dc:creator><content:encoded><![CDATA[<p>Story ${story}: what the council said about the pier, the ferry and the school.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${story}</wp:post_id><wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status><wp:post_name>story-${story}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="harbour"><![CDATA[Harbour]]></category>
`);
  const first = id;
  for (let i = 0; i < perStory && id <= comments; i++, id++) {
    const parent = i % 6 === 0 || id - 1 < first ? 0 : id - 1;
    const person = id % 2000;
    const seconds = 3600 + i * 60;
    const at = new Date(Date.UTC(2020, 0, 1) + seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
    await write(`<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Resident ${person}]]></wp:comment_author>
<wp:comment_author_email><![CDATA[resident${person}@big.skerrin.example]]></wp:comment_author_email><wp:comment_date_gmt>${at}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Comment ${id}: I was at the meeting on Tuesday and <em>nobody</em> asked about the pier lights.

Second paragraph, with a link: https://big.skerrin.example/notes/${id}]]></wp:comment_content>
<wp:comment_approved>${id % 10 === 0 ? "0" : "1"}</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>
`);
  }
  await write("</item>\n");
}
await write("</channel>\n</rss>\n");
out.end();
