import { Parser } from "htmlparser2";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "../../db/schema";
import { issueAccountToken } from "../../app/models/account/token.server";
import { createCorrectionReport } from "../../app/models/article/correction.server";
import { WORD_LIST_TEXT_MAX } from "../../app/models/moderation/word-list";
import { COMMENT_MAX_LENGTH } from "../../app/utils/comment-rules";
import { UNLISTED_FIELD_MAX } from "../../app/utils/forms";
import { STORY_BODY_MAX } from "../../app/utils/newsroom-limits";
import { makeArticle, makeCategory, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { useFreshOutbox } from "./accounts-support";

/**
 * Every form the site shows, as every role sees it, is sent hostile values; no answer may be a fault
 * (5xx) or take 2 s or more, and the site must still serve its front page afterwards. The forms are
 * found by crawling the real pages, not listed by hand, so a new form is fuzzed the day it appears.
 * The mutations are chosen by a seeded generator: PARLEY_FUZZ_SEED=<n> repeats a run, and a failure
 * names its seed. No answer to a form post is larger than the page plus what was sent, twice, cut to
 * each field's limit (issue 28): a form sends back what was typed, never more of it than the field takes.
 */

useFreshOutbox();

const SEED = Number(process.env.PARLEY_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** How many sampled field mutations each role the form is shown to sends it, on top of the worst values. */
const PER_FORM = Number(process.env.PARLEY_FUZZ_PER_FORM ?? 2);
/** And how many sampled whole-body variants (multipart, JSON, no content type...). */
const BODIES_PER_FORM = 1;
/** Requests in flight at once, as a few readers at once would send them. */
const IN_FLIGHT = 3;
const SLOW_MS = 2_000;
const CRAWL_DEPTH = 2;
const CRAWL_PAGES = 80;
/**
 * The most bytes one character sent can take in an answer, each time it comes back: `"` is `&quot;` in
 * the form's HTML, and a control character `\\u0001` in the page's data, which is a string inside a script.
 */
const BYTES_PER_CHARACTER = 8;
/** Beyond the page and the values sent back: the messages beside the fields. */
const ANSWER_SLACK_BYTES = 8_192;

type Who = "visitor" | Role;
const ROLES: Who[] = ["visitor", "resident", "moderator", "editor", "admin"];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FoundForm {
  method: string;
  action: string;
  enctype: string;
  /** Every named control in document order, with the value the page put there (hidden intent, a select's first option). */
  fields: Array<[string, string]>;
  foundOn: string;
  foundAs: Who;
  /** The submit button pressed, if it has a name (its pair is in fields too). */
  submit?: [string, string];
  /** Each field's maxlength, where the page gives one. */
  maxLengths: Record<string, number>;
  /** The comment the crawling user wrote, so that forms for one's own comment are on its pages. */
  ownCommentId?: number;
}

type PageForm = Omit<FoundForm, "foundAs" | "ownCommentId">;

/**
 * The forms and same-site links in a page, read with a real HTML parser. A browser sends only the
 * submit button that was pressed, so a form with "approve" and "remove" buttons is two forms here;
 * a control outside its form (`form="id"`) belongs to the form with that id.
 */
function readPage(html: string, pageUrl: URL): { forms: PageForm[]; links: string[] } {
  type Open = PageForm & { id?: string; submits: Array<[string, string]> };
  const open: Open[] = [];
  const links: string[] = [];
  const outside = new Map<string, Array<[string, string]>>();
  let form: Open | null = null;
  let select: { name: string; value: string | null; to: Array<[string, string]> } | null = null;
  let textarea: { name: string; value: string; to: Array<[string, string]> } | null = null;
  const fieldsFor = (attrs: Record<string, string>): Array<[string, string]> | null => {
    if (attrs.form) {
      if (!outside.has(attrs.form)) outside.set(attrs.form, []);
      return outside.get(attrs.form)!;
    }
    return form ? form.fields : null;
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "a" && attrs.href) {
          try {
            const target = new URL(attrs.href, pageUrl);
            if (target.origin === pageUrl.origin) links.push(`${target.pathname}${target.search}`);
          } catch {
            // an address the page got wrong is not this test's business
          }
        }
        if (name === "form") {
          const action = new URL(attrs.action ?? `${pageUrl.pathname}${pageUrl.search}`, pageUrl);
          form = {
            method: (attrs.method ?? "get").toUpperCase(),
            action: `${action.pathname}${action.search}`,
            enctype: attrs.enctype ?? "application/x-www-form-urlencoded",
            fields: [],
            maxLengths: {},
            submits: [],
            id: attrs.id,
            foundOn: `${pageUrl.pathname}${pageUrl.search}`,
          };
        }
        const to = attrs.name ? fieldsFor(attrs) : null;
        if (!to) return;
        if (form && !attrs.form && /^\d+$/.test(attrs.maxlength ?? "")) form.maxLengths[attrs.name!] = Number(attrs.maxlength);
        if (name === "input" || name === "button") {
          const type = (attrs.type ?? (name === "button" ? "submit" : "text")).toLowerCase();
          if ((type === "submit" || type === "image") && form && !attrs.form) {
            form.submits.push([attrs.name!, attrs.value ?? ""]);
            return;
          }
          if (type === "submit" || type === "image" || type === "reset" || name === "button") return;
          if ((type === "checkbox" || type === "radio") && !("checked" in attrs) && to.some(([n]) => n === attrs.name)) return;
          to.push([attrs.name!, attrs.value ?? (type === "checkbox" ? "on" : "")]);
        }
        if (name === "textarea") textarea = { name: attrs.name!, value: "", to };
        if (name === "select") select = { name: attrs.name!, value: null, to };
        if (name === "option" && select && (select.value === null || "selected" in attrs)) select.value = attrs.value ?? "";
      },
      ontext(text) {
        if (textarea) textarea.value += text;
      },
      onclosetag(name) {
        if (name === "textarea" && textarea) {
          textarea.to.push([textarea.name, textarea.value]);
          textarea = null;
        }
        if (name === "select" && select) {
          select.to.push([select.name, select.value ?? ""]);
          select = null;
        }
        if (name === "form" && form) {
          open.push(form);
          form = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  const forms: PageForm[] = [];
  for (const { id, submits, ...found } of open) {
    const fields = [...found.fields, ...((id && outside.get(id)) || [])];
    if (submits.length === 0) forms.push({ ...found, fields });
    for (const submit of submits) forms.push({ ...found, fields: [...fields, submit], submit });
  }
  return { forms, links };
}

/** A value as it goes into a urlencoded body: text is percent-encoded, `raw` goes in as it is. */
type Hostile = { kind: string; text?: string; raw?: Buffer };

const deepList = Array.from({ length: 2_100 }, (_, i) => `${"  ".repeat(i % 40)}- item ${i}`).join("\n");
const HOSTILE: Hostile[] = [
  { kind: "empty", text: "" },
  { kind: "whitespace", text: " \t \u00a0\u3000 " },
  { kind: "nul", text: "before\u0000after" },
  { kind: "control characters", text: "\u0001\u0002\u0007\b\u000b\f\u001b[31m\u007f\u0085\u2028\u2029\u202e\ufeff" },
  { kind: "CRLF header injection", text: "x\r\nSet-Cookie: a=b\r\n\r\n<b>" },
  { kind: "lone surrogate (encoded)", raw: Buffer.from("%ED%A0%80lone%ED%B0%80") },
  { kind: "truncated UTF-8 (encoded)", raw: Buffer.from("ok%F0%9F%98") },
  { kind: "overlong UTF-8 (encoded)", raw: Buffer.from("%C0%AF%E0%80%AF") },
  { kind: "invalid UTF-8 bytes", raw: Buffer.from([0x61, 0xff, 0xfe, 0xc3, 0x28, 0x80, 0x62]) },
  { kind: "bad percent-encoding", raw: Buffer.from("%%zz%u0041%") },
  {
    kind: "poison (invalid UTF-8, NUL, control characters, deep Markdown, a prototype name)",
    raw: Buffer.concat([
      Buffer.from([0xff, 0xc3, 0x28]),
      Buffer.from(encodeURIComponent(`__proto__\u0000\u0007\u001b[0m\u202e${">".repeat(1_500)}${"- ".repeat(1_000)}*_`)),
    ]),
  },
  { kind: "100 KB string", text: "x".repeat(100_000) },
  // Within the 64 KB a form may send, however the rest of the form is filled in.
  { kind: "60,000 letters", text: "x".repeat(60_000) },
  { kind: "60 KB string", text: "word ".repeat(12_000) },
  { kind: "deep quote", text: `${">".repeat(2_500)} deep` },
  { kind: "deep list", text: `${"- ".repeat(2_500)}deep` },
  { kind: "deep nested list lines", text: deepList.slice(0, 60_000) },
  { kind: "a_* x 5000", text: "a_*".repeat(5_000) },
  { kind: "brackets x 10000", text: "[".repeat(10_000) + "](".repeat(5_000) },
  { kind: "emphasis x 10000", text: "*_".repeat(10_000) },
  { kind: "combining marks", text: `e${"\u0301".repeat(10_000)}` },
  { kind: "emoji", text: "😀".repeat(2_000) },
  { kind: "html", text: `<script>alert(1)</script><img src=x onerror=alert(1)>` },
  { kind: "javascript url", text: "javascript:alert(1)" },
  { kind: "-1", text: "-1" },
  { kind: "0", text: "0" },
  { kind: "1e309", text: "1e309" },
  { kind: "2^31", text: "2147483648" },
  { kind: "2^63", text: "9223372036854775808" },
  { kind: "huge integer", text: "9".repeat(400) },
  { kind: "NaN", text: "NaN" },
  { kind: "Infinity", text: "-Infinity" },
  { kind: "hex", text: "0x10" },
  { kind: "fraction", text: "1.5" },
  { kind: "__proto__", text: "__proto__" },
  { kind: "constructor", text: "constructor" },
  { kind: "prototype", text: "prototype" },
  { kind: "bad date", text: "2026-02-31T25:61" },
  { kind: "year 275760", text: "+275760-09-13T00:00:00.001Z" },
  { kind: "email-like", text: `${"a".repeat(300)}@${"b".repeat(300)}.example` },
  { kind: "path traversal", text: "../../../../etc/passwd" },
  { kind: "sql", text: "' OR 1=1; DROP TABLE user; --" },
];

function encodeBody(fields: Array<[string, string | Hostile]>): Buffer {
  const parts: Buffer[] = [];
  fields.forEach(([name, value], i) => {
    if (i > 0) parts.push(Buffer.from("&"));
    parts.push(Buffer.from(`${encodeURIComponent(name)}=`));
    if (typeof value === "string") parts.push(Buffer.from(encodeURIComponent(value)));
    else parts.push(value.raw ?? Buffer.from(encodeURIComponent(value.text!)));
  });
  return Buffer.concat(parts);
}

function multipart(fields: Array<[string, string]>, boundary: string): string {
  return fields
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join("") + `--${boundary}--\r\n`;
}

interface Mutation {
  field: string;
  kind: string;
  contentType: string;
  body: Buffer | string;
}

/**
 * The worst values. Every form, as every role, gets three with every field set at once (a size
 * limit; a mix of bytes that are not UTF-8, control characters, Markdown nested past any sane depth and
 * a prototype name; a number out of every range) and a broken multipart body. Each form's fields also
 * get the worst text values one at a time, the others as the page filled them in, since a value only
 * reaches the code behind a check when the rest of the form passes it (a number is parsed on its own,
 * so the all-at-once request proves it). The rest of HOSTILE is sampled by the seed.
 */
const WORST_AT_ONCE = new Set(["100 KB string", "poison (invalid UTF-8, NUL, control characters, deep Markdown, a prototype name)", "huge integer"]);
const WORST = new Set(["100 KB string", "60,000 letters", "invalid UTF-8 bytes", "control characters", "deep quote", "__proto__"]);
const WORST_BODIES = new Set(["JSON with __proto__", "over-limit body"]);
const PROTOTYPE_FIELDS = ["__proto__", "constructor", "prototype", "__proto__[admin]", "toString"];
const URLENCODED = "application/x-www-form-urlencoded";

/** Which fields pick the action's branch: they keep the page's value in the all-at-once requests. */
const chooses = (name: string, form: FoundForm) => name === "intent" || form.submit?.[0] === name;

/** One request per WORST_AT_ONCE value with every field but the intent set to it. */
function worstAtOnce(form: FoundForm): Mutation[] {
  return HOSTILE.filter((h) => WORST_AT_ONCE.has(h.kind)).map((hostile) => ({
    field: "(every field)",
    kind: hostile.kind,
    contentType: URLENCODED,
    body: encodeBody(form.fields.map(([n, v]): [string, string | Hostile] => [n, chooses(n, form) ? v : hostile])),
  }));
}

/** Each field in turn, the others as the page filled them in: the worst values, and the rest to sample from. */
function oneFieldMutations(form: FoundForm): { worst: Mutation[]; rest: Mutation[] } {
  const worst: Mutation[] = [];
  const rest: Mutation[] = [];
  const names = [...new Set(form.fields.map(([n]) => n))];
  for (const name of names) {
    for (const hostile of HOSTILE) {
      const fields = form.fields.map(([n, v]): [string, string | Hostile] => [n, n === name ? hostile : v]);
      (WORST.has(hostile.kind) ? worst : rest).push({ field: name, kind: hostile.kind, contentType: URLENCODED, body: encodeBody(fields) });
    }
    rest.push({ field: name, kind: "missing", contentType: URLENCODED, body: encodeBody(form.fields.filter(([n]) => n !== name)) });
    rest.push({
      field: name,
      kind: "duplicated",
      contentType: URLENCODED,
      body: encodeBody([...form.fields, ...form.fields.filter(([n]) => n === name).map(([n]): [string, string] => [n, "second"])]),
    });
  }
  for (const proto of PROTOTYPE_FIELDS) {
    rest.push({ field: proto, kind: "prototype name as field", contentType: URLENCODED, body: encodeBody([...form.fields, [proto, "1"]]) });
  }
  worst.push({
    field: PROTOTYPE_FIELDS.join(" "),
    kind: "prototype names as fields",
    contentType: URLENCODED,
    body: encodeBody([...form.fields, ...PROTOTYPE_FIELDS.map((n): [string, string] => [n, "1"])]),
  });
  return { worst, rest };
}

function wholeBodyMutations(form: FoundForm): Mutation[] {
  const boundary = "----parleyfuzz";
  const full = multipart(form.fields, boundary);
  return [
    { field: "(body)", kind: "JSON body", contentType: "application/json", body: JSON.stringify(Object.fromEntries(form.fields)) },
    { field: "(body)", kind: "JSON with __proto__", contentType: "application/json", body: '{"__proto__":{"admin":true},"intent":"x"}' },
    { field: "(body)", kind: "multipart", contentType: `multipart/form-data; boundary=${boundary}`, body: full },
    { field: "(body)", kind: "truncated multipart", contentType: `multipart/form-data; boundary=${boundary}`, body: full.slice(0, Math.max(10, full.length - 30)) },
    { field: "(body)", kind: "multipart, no boundary", contentType: "multipart/form-data", body: full },
    { field: "(body)", kind: "multipart, wrong boundary", contentType: "multipart/form-data; boundary=other", body: full },
    { field: "(body)", kind: "multipart file in a text field", contentType: `multipart/form-data; boundary=${boundary}`,
      body: `--${boundary}\r\nContent-Disposition: form-data; name="${form.fields[0]?.[0] ?? "intent"}"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nfile\r\n--${boundary}--\r\n` },
    { field: "(body)", kind: "text/plain body", contentType: "text/plain", body: "intent=x" },
    { field: "(body)", kind: "no content type", contentType: "", body: encodeBody(form.fields) },
    { field: "(body)", kind: "empty body", contentType: "application/x-www-form-urlencoded", body: "" },
    { field: "(body)", kind: "over-limit body", contentType: "application/x-www-form-urlencoded", body: `a=${"b".repeat(70_000)}` },
    { field: "(body)", kind: "urlencoded garbage", contentType: "application/x-www-form-urlencoded", body: Buffer.from([0x3d, 0x26, 0x26, 0x3d, 0xff, 0x00, 0x25]) },
  ];
}

let app: TestServer;
const story = { slug: "", id: 0, commentId: 0, draftId: 0, resetToken: "", signInToken: "" };
let someResident = 0;

beforeAll(async () => {
  app = await startTestServer();
  await app.db.insertInto("terms_rule").values([{ number: 1, title: "Be civil", body: "Be kind." }]).execute();
  const category = await makeCategory(app.db);
  const author = await makeUser(app.db, { createdAt: new Date(Date.now() - 90 * 86_400_000).toISOString() });
  someResident = author.id;
  const editor = await makeUser(app.db, { role: "editor" });
  const article = await makeArticle(app.db, { categoryIds: [category.id], authorId: editor.id });
  const draft = await makeArticle(app.db, { status: "draft", authorId: editor.id });
  const comment = await makeComment(app.db, { articleId: article.id, authorId: author.id, status: "visible" });
  await makeComment(app.db, { articleId: article.id, authorId: author.id, parentId: comment.id, status: "visible" });
  await makeComment(app.db, { articleId: article.id, authorId: author.id, status: "pending" });
  // A correction waiting for the newsroom and a live password-reset link: their forms are on the site too.
  await createCorrectionReport(app.db, { articleId: article.id, body: "The ferry leaves at nine.", email: "", reporterId: author.id, rateKey: "fuzz" });
  const resetToken = await issueAccountToken(app.db, { userId: author.id, purpose: "reset_password", email: author.email ?? "" });
  const signInToken = await issueAccountToken(app.db, { userId: author.id, purpose: "sign_in", email: author.email ?? "" });
  Object.assign(story, { slug: article.slug, id: article.id, commentId: comment.id, draftId: draft.id, resetToken, signInToken });
});
afterAll(async () => {
  await app?.close();
});

function startPages(): string[] {
  return [
    "/",
    `/articles/${story.slug}`,
    `/articles/${story.slug}/comments/${story.commentId}`,
    `/articles/${story.slug}/report-error`,
    "/settings",
    "/notifications",
    "/editor",
    "/editor/new",
    `/editor/${story.draftId}`,
    `/editor/${story.id}/versions`,
    "/editor/corrections",
    "/moderation",
    `/moderation/comments/${story.commentId}`,
    `/moderation/users/${someResident}`,
    `/moderation/stories/${story.id}`,
    "/moderation/log",
    "/admin/users",
    "/admin/moderation",
    "/admin/terms",
    "/join",
    "/login",
    "/forgot-password",
    `/reset-password/${story.resetToken}`,
    `/sign-in-link/${story.signInToken}`,
    "/verify-email",
    "/search?q=ferry",
    `/users/${someResident}`,
    "/terms",
    "/about",
  ];
}

async function userFor(who: Who): Promise<{ id: number } | undefined> {
  if (who === "visitor") return undefined;
  return makeUser(app.db, { role: who, createdAt: new Date(Date.now() - 400 * 86_400_000).toISOString() });
}

/** A page as a crawler tells pages apart: ids and query values do not count, query names do (`?replyTo=` opens a form). */
function pageKey(path: string): string {
  const url = new URL(path, "http://x");
  const names = [...new Set(url.searchParams.keys())].sort().join("&");
  return `${url.pathname.replace(/\/\d+(?=\/|$)/g, "/N")}${names ? `?${names}` : ""}`;
}

/** An action as Remix tells them apart: the path, and `?index` (the index route's action, not its parent's). */
function actionKey(action: string): string {
  const url = new URL(action, "http://x");
  return `${url.pathname.replace(/\/\d+(?=\/|$)/g, "/N")}${url.searchParams.has("index") ? "?index" : ""}`;
}

/**
 * Crawls from the start pages as one role and returns every form its pages hold. The crawling user
 * has a comment of its own on the story, so the forms for editing and deleting one's comment show.
 */
async function discover(who: Who): Promise<FoundForm[]> {
  const user = await userFor(who);
  const cookie = user ? await app.cookieFor(user) : undefined;
  const ownCommentId = user
    ? (await makeComment(app.db, { articleId: story.id, authorId: user.id, status: "visible" })).id
    : undefined;
  const seen = new Set<string>();
  const forms: FoundForm[] = [];
  let fetched = 0;
  let frontier = startPages();
  for (let depth = 0; depth <= CRAWL_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const path of frontier) {
      if (fetched >= CRAWL_PAGES) break;
      // Each page once, and at depth 1 and beyond one page per pageKey.
      const key = depth === 0 ? path : pageKey(path);
      if (seen.has(key)) continue;
      if (/\/logout|\.(xml|json|txt|css|js|png|svg|ico)(\?|$)/.test(path)) continue;
      seen.add(key);
      seen.add(pageKey(path));
      fetched++;
      const response = await fetch(new URL(path, app.baseUrl), { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
      if (!(response.headers.get("content-type") ?? "").includes("text/html")) {
        await response.body?.cancel();
        continue;
      }
      const page = readPage(await response.text(), new URL(path, app.baseUrl));
      for (const form of page.forms) forms.push({ ...form, foundAs: who, ownCommentId });
      next.push(...page.links);
    }
    frontier = [...new Set(next)];
  }
  return forms;
}

/**
 * A form for one's own comment names the crawler's comment; sent by another user it would be turned
 * away at the ownership check. So the sender gets a comment of its own and the form names that one.
 */
async function asOwnForm(form: FoundForm, user: { id: number } | undefined): Promise<FoundForm> {
  const own = form.ownCommentId === undefined ? "" : String(form.ownCommentId);
  const names = (value: string) => value === own;
  const inPath = form.action.split(/[/?&=]/).includes(own);
  if (!user || !own || !(inPath || form.fields.some(([, v]) => names(v)))) return form;
  const fresh = String((await makeComment(app.db, { articleId: story.id, authorId: user.id, status: "visible" })).id);
  const action = form.action.replace(new RegExp(`(?<=[/=])${own}(?=$|[/?&#])`, "g"), fresh);
  return { ...form, action, fields: form.fields.map(([n, v]) => [n, names(v) ? fresh : v]) };
}

/**
 * A field's limit: its maxlength, or for the few long fields whose pages give none (the comment box
 * counts instead, the story's text and the word lists are long), the site's; any other field (ids,
 * choices, hidden paths) comes back with at most UNLISTED_FIELD_MAX characters.
 */
function fieldLimit(form: FoundForm, name: string): number {
  if (Object.hasOwn(form.maxLengths, name)) return form.maxLengths[name]!;
  const path = form.action.split("?")[0]!;
  if (name === "body" && /^\/articles\/[^/]+$/.test(path)) return COMMENT_MAX_LENGTH;
  if (name === "body" && path.startsWith("/editor/")) return STORY_BODY_MAX;
  if (name === "suspectWords" || name === "bannedWords") return WORD_LIST_TEXT_MAX;
  return UNLISTED_FIELD_MAX;
}

/**
 * How many characters of what a request sends may come back in one copy: each value, up to its
 * field's limit. An encoded value's length in bytes is never less than its count of characters. A body
 * that is not urlencoded is counted as the form's own values.
 */
function echoAllowance(form: FoundForm, mutation: Mutation): number {
  const pairs: Array<[string, number]> =
    mutation.contentType === URLENCODED
      ? Buffer.from(mutation.body).toString("latin1").split("&").map((pair): [string, number] => {
          const [name = "", value = ""] = pair.split(/=(.*)/s);
          let decoded = name;
          try {
            decoded = decodeURIComponent(name.replace(/\+/g, " "));
          } catch {
            // a name that does not decode is counted as it was sent
          }
          return [decoded, value.length];
        })
      : form.fields.map(([name, value]): [string, number] => [name, value.length]);
  return pairs.reduce((sum, [name, length]) => sum + Math.min(length, fieldLimit(form, name)), 0);
}

/** The size of each page a form is on as its sender sees it, by sender and address: read once, again when an answer outgrows it. */
const pageSizes = new Map<string, number>();
async function pageBytes(cookie: string | undefined, action: string, fresh: boolean): Promise<number> {
  const key = `${cookie ?? "visitor"} ${action}`;
  if (!fresh && pageSizes.has(key)) return pageSizes.get(key)!;
  const response = await fetch(new URL(action, app.baseUrl), { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
  const bytes = (await response.arrayBuffer()).byteLength;
  pageSizes.set(key, bytes);
  return bytes;
}

interface Failure {
  role: Who;
  method: string;
  path: string;
  field: string;
  kind: string;
  status: number | string;
  ms: number;
}

async function send(who: Who, cookie: string | undefined, form: FoundForm, mutation: Mutation): Promise<Failure | null> {
  const headers: Record<string, string> = { Origin: app.baseUrl };
  if (cookie) headers.Cookie = cookie;
  // A GET form puts its fields in the address, in place of any query the action had.
  const get = form.method === "GET";
  const target = get ? `${form.action.split("?")[0]}?${mutation.body.toString()}` : form.action;
  if (mutation.contentType && !get) headers["Content-Type"] = mutation.contentType;
  const started = performance.now();
  let status: number | string;
  let bytes = 0;
  try {
    const body = get ? undefined : typeof mutation.body === "string" ? mutation.body : new Uint8Array(mutation.body);
    const response = await fetch(new URL(target, app.baseUrl), {
      method: form.method,
      redirect: "manual",
      headers,
      body,
      signal: AbortSignal.timeout(10_000),
    });
    bytes = (await response.arrayBuffer()).byteLength;
    status = response.status;
  } catch (error) {
    status = `no answer (${error instanceof Error ? error.message : String(error)})`;
  }
  const ms = Math.round(performance.now() - started);
  // An address longer than Node's header limit (16 KB) is refused by its HTTP parser before the app
  // sees it: a 431, or the connection closed while the rest is still being sent. Either is an answer.
  if (get && typeof status === "string" && target.length > 16_384) status = "refused by the HTTP parser";
  // A form's answer: the page, and what was sent at most twice (in the form and in the page's data),
  // each value cut to its field's limit. The page is read again before an answer is found too large,
  // as other requests add comments to it.
  if (!get && typeof status === "number" && status < 500) {
    const allowed = async (fresh: boolean) =>
      (await pageBytes(cookie, form.action, fresh)) + 2 * BYTES_PER_CHARACTER * echoAllowance(form, mutation) + ANSWER_SLACK_BYTES;
    if (bytes > (await allowed(false)) && bytes > (await allowed(true))) {
      status = `${status} of ${bytes} bytes, over the ${await allowed(false)} of the page, the values sent twice cut to their fields' limits, and the messages`;
    }
  }
  if (process.env.PARLEY_FUZZ_VERBOSE) process.stdout.write(`FUZZ ${status} ${bytes} B ${ms} ${who} ${form.method} ${form.action} ${mutation.field} ${mutation.kind}\n`);
  if ((typeof status === "number" ? status < 500 : status === "refused by the HTTP parser") && ms < SLOW_MS) return null;
  return { role: who, method: form.method, path: form.action, field: mutation.field, kind: mutation.kind, status, ms };
}

describe("every form, as every role, with hostile values", () => {
  // The seed is in the test's name, so that even a run that times out says how to repeat it.
  it(`answers no request with a fault or slower than 2 s, and keeps serving (PARLEY_FUZZ_SEED=${SEED})`, { timeout: 420_000 }, async () => {
    // A fault is logged through console.error; collected here and reported with the rest.
    const logged: string[] = [];
    vi.mocked(console.error).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? a.stack ?? a.message : String(a))).join(" ").slice(0, 600));
    });
    const random = mulberry32(SEED);
    const began = performance.now();

    const found = (await Promise.all(ROLES.map((who) => discover(who)))).flat();
    // One form per action and set of field names: the same comment form on twenty pages is one form.
    // An intent's value is part of what a form is: "approve" and "remove" are two forms to fuzz.
    const forms = new Map<string, FoundForm>();
    const seenBy = new Map<string, Set<Who>>();
    for (const form of found) {
      const names = [...new Set(form.fields.map(([n]) => n))].sort().join(",");
      const intent = form.fields.find(([n]) => n === "intent")?.[1] ?? "";
      const key = `${form.method} ${actionKey(form.action)} ${intent} ${names}`;
      if (!forms.has(key)) forms.set(key, form);
      seenBy.set(key, (seenBy.get(key) ?? new Set()).add(form.foundAs));
    }
    // The crawl must reach the forms of every part of the site, or the fuzzing proves little.
    const keys = [...forms.keys()];
    for (const expected of [
      "POST /login ", "POST /join ", "POST /forgot-password ", "POST /settings ", `POST /articles/${story.slug} comment`,
      `POST /articles/${story.slug} reply`, `POST /articles/${story.slug} edit`, `POST /articles/${story.slug} report`,
      `POST /articles/${story.slug} delete`, "POST /admin/users ", "POST /editor/new ", "POST /editor/corrections ",
      "POST /reset-password/", "POST /sign-in-link/", "POST /moderation/comments/N ", "GET /search ",
    ]) {
      expect(keys.some((k) => k.startsWith(expected)), `a form ${expected.trim()} was found (forms: ${keys.join("; ")})`).toBe(true);
    }

    const failures: Failure[] = [];
    let sent = 0;
    const pick = <T>(list: T[], n: number) => list.map((item) => [random(), item] as const).sort((a, b) => a[0] - b[0]).slice(0, n).map(([, item]) => item);
    // Forms that differ only by the intent they send ("draft", "publish") share their fields; the
    // worst values one field at a time go to one of them, by one role it is shown to (the seed picks).
    const fieldWorstFor = new Map<string, { key: string; who: Who }>();
    for (const [key, form] of pick([...forms], forms.size)) {
      const group = `${form.method} ${actionKey(form.action)} ${[...new Set(form.fields.map(([n]) => n))].sort().join(",")}`;
      if (!fieldWorstFor.has(group)) fieldWorstFor.set(group, { key, who: pick([...seenBy.get(key)!], 1)[0]! });
    }
    const fieldWorstBy = new Map([...fieldWorstFor.values()].map(({ key, who }) => [key, who]));
    for (const [key, found] of forms) {
      for (const who of ROLES) {
        // A fresh user per form and role: a form that signs out, demotes or deletes its sender spoils nothing else.
        const user = await userFor(who);
        const cookie = user ? await app.cookieFor(user) : undefined;
        const form = await asOwnForm(found, user);
        const { worst, rest } = oneFieldMutations(form);
        const bodies = form.method === "GET" ? [] : wholeBodyMutations(form);
        // Every role sends the worst values at once; a role whose pages show the form also a sample
        // of the rest (a role the action turns away meets its guard before any field is read).
        const shown = seenBy.get(key)!.has(who);
        const batch = [
          ...worstAtOnce(form),
          ...bodies.filter((m) => m.kind === "truncated multipart"),
          ...(fieldWorstBy.get(key) === who ? [...worst, ...bodies.filter((m) => WORST_BODIES.has(m.kind))] : []),
          ...(shown ? [...pick(rest, PER_FORM), ...pick(bodies.filter((m) => !WORST_BODIES.has(m.kind) && m.kind !== "truncated multipart"), BODIES_PER_FORM)] : []),
        ];
        for (let i = 0; i < batch.length; i += IN_FLIGHT) {
          const results = await Promise.all(batch.slice(i, i + IN_FLIGHT).map((m) => send(who, cookie, form, m)));
          sent += results.length;
          for (const failure of results) if (failure) failures.push(failure);
        }
      }
    }

    const home = await fetch(new URL("/", app.baseUrl));
    const summary = `seed ${SEED} (repeat with PARLEY_FUZZ_SEED=${SEED}); ${forms.size} forms, ${sent} requests in ${Math.round((performance.now() - began) / 1000)} s`;
    if (process.env.PARLEY_FUZZ_VERBOSE) process.stdout.write(`${summary}\n${keys.join("\n")}\n`);
    const report = [
      summary,
      ...failures.map((f) => `${f.status} in ${f.ms} ms: ${f.method} ${f.path} as ${f.role}, field ${f.field}, value ${f.kind}`),
      ...(logged.length ? ["logged faults:", ...[...new Set(logged)].slice(0, 20)] : []),
    ].join("\n");
    expect(failures, report).toEqual([]);
    expect(logged, report).toEqual([]);
    expect(home.status, report).toBe(200);
  });
});
