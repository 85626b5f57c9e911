import { Parser } from "htmlparser2";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "../../db/schema";
import { issueAccountToken } from "../../app/models/account/token.server";
import { createCorrectionReport } from "../../app/models/article/correction.server";
import { makeArticle, makeCategory, makeComment, makeUser } from "../factories";
import { startTestServer, type TestServer } from "../support/test-server";
import { useFreshOutbox } from "./accounts-support";

/**
 * Every form the site shows, as every role sees it, is sent hostile values; no answer may be a fault
 * (5xx) or take 2 s or more, and the site must still serve its front page afterwards. The forms are
 * found by crawling the real pages, not listed by hand, so a new form is fuzzed the day it appears.
 * The mutations are chosen by a seeded generator: PARLEY_FUZZ_SEED=<n> repeats a run, and a failure
 * names its seed.
 */

useFreshOutbox();

const SEED = Number(process.env.PARLEY_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** How many field mutations each role sends to each form (whole-body variants come on top). */
const PER_FORM = Number(process.env.PARLEY_FUZZ_PER_FORM ?? 16);
/** Requests in flight at once, as a few readers at once would send them. */
const IN_FLIGHT = 3;
const SLOW_MS = 2_000;
const CRAWL_DEPTH = 2;
const CRAWL_PAGES = 60;

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
}

/** The forms and same-site links in a page, read with a real HTML parser. */
function readPage(html: string, pageUrl: URL): { forms: Omit<FoundForm, "foundAs">[]; links: string[] } {
  const forms: Omit<FoundForm, "foundAs">[] = [];
  const links: string[] = [];
  let form: Omit<FoundForm, "foundAs"> | null = null;
  let select: { name: string; value: string | null } | null = null;
  let textarea: { name: string; value: string } | null = null;
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
            foundOn: `${pageUrl.pathname}${pageUrl.search}`,
          };
        }
        if (!form) return;
        if ((name === "input" || name === "button") && attrs.name) {
          const type = (attrs.type ?? (name === "button" ? "submit" : "text")).toLowerCase();
          if ((type === "checkbox" || type === "radio") && !("checked" in attrs) && form.fields.some(([n]) => n === attrs.name)) return;
          form.fields.push([attrs.name, attrs.value ?? (type === "checkbox" ? "on" : "")]);
        }
        if (name === "textarea" && attrs.name) textarea = { name: attrs.name, value: "" };
        if (name === "select" && attrs.name) select = { name: attrs.name, value: null };
        if (name === "option" && select && (select.value === null || "selected" in attrs)) select.value = attrs.value ?? "";
      },
      ontext(text) {
        if (textarea) textarea.value += text;
      },
      onclosetag(name) {
        if (name === "textarea" && textarea && form) {
          form.fields.push([textarea.name, textarea.value]);
          textarea = null;
        }
        if (name === "select" && select && form) {
          form.fields.push([select.name, select.value ?? ""]);
          select = null;
        }
        if (name === "form" && form) {
          forms.push(form);
          form = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
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
  { kind: "100 KB string", text: "x".repeat(100_000) },
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

function fieldMutations(form: FoundForm): Mutation[] {
  const form_ = "application/x-www-form-urlencoded";
  const out: Mutation[] = [];
  const names = [...new Set(form.fields.map(([n]) => n))];
  for (const name of names) {
    for (const hostile of HOSTILE) {
      const fields = form.fields.map(([n, v]): [string, string | Hostile] => [n, n === name ? hostile : v]);
      out.push({ field: name, kind: hostile.kind, contentType: form_, body: encodeBody(fields) });
    }
    out.push({ field: name, kind: "missing", contentType: form_, body: encodeBody(form.fields.filter(([n]) => n !== name)) });
    out.push({
      field: name,
      kind: "duplicated",
      contentType: form_,
      body: encodeBody([...form.fields, ...form.fields.filter(([n]) => n === name).map(([n]): [string, string] => [n, "second"])]),
    });
  }
  for (const proto of ["__proto__", "constructor", "prototype", "__proto__[admin]", "toString"]) {
    out.push({ field: proto, kind: "prototype name as field", contentType: form_, body: encodeBody([...form.fields, [proto, "1"]]) });
  }
  return out;
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
const story = { slug: "", id: 0, commentId: 0, draftId: 0, resetToken: "" };
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
  Object.assign(story, { slug: article.slug, id: article.id, commentId: comment.id, draftId: draft.id, resetToken });
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

/** Crawls from the start pages as one role and returns every form its pages hold. */
async function discover(who: Who): Promise<FoundForm[]> {
  const user = await userFor(who);
  const cookie = user ? await app.cookieFor(user) : undefined;
  const seen = new Set<string>();
  const forms: FoundForm[] = [];
  let frontier = startPages();
  for (let depth = 0; depth <= CRAWL_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const path of frontier) {
      if (seen.size >= CRAWL_PAGES) break;
      // Each page once; and pages that differ only by their query are one page to a crawler.
      const key = path.split("?")[0]!.replace(/\/\d+(?=\/|$)/g, "/N");
      if (seen.has(path) || (depth > 0 && [...seen].some((s) => s.split("?")[0]!.replace(/\/\d+(?=\/|$)/g, "/N") === key))) continue;
      if (/\/logout|\.(xml|json|txt|css|js|png|svg|ico)(\?|$)/.test(path)) continue;
      seen.add(path);
      const response = await fetch(new URL(path, app.baseUrl), { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
      if (!(response.headers.get("content-type") ?? "").includes("text/html")) {
        await response.body?.cancel();
        continue;
      }
      const page = readPage(await response.text(), new URL(path, app.baseUrl));
      for (const form of page.forms) forms.push({ ...form, foundAs: who });
      next.push(...page.links);
    }
    frontier = [...new Set(next)];
  }
  return forms;
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
  if (mutation.contentType) headers["Content-Type"] = mutation.contentType;
  const started = performance.now();
  let status: number | string;
  try {
    const body = typeof mutation.body === "string" ? mutation.body : new Uint8Array(mutation.body);
    const response = await fetch(new URL(form.action, app.baseUrl), {
      method: "POST",
      redirect: "manual",
      headers,
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    status = response.status;
  } catch (error) {
    status = `no answer (${error instanceof Error ? error.message : String(error)})`;
  }
  const ms = Math.round(performance.now() - started);
  if (process.env.PARLEY_FUZZ_VERBOSE) process.stdout.write(`FUZZ ${status} ${ms} ${who} ${form.action} ${mutation.field} ${mutation.kind}\n`);
  if (typeof status === "number" && status < 500 && ms < SLOW_MS) return null;
  return { role: who, method: "POST", path: form.action, field: mutation.field, kind: mutation.kind, status, ms };
}

describe("every form, as every role, with hostile values", () => {
  it("answers no request with a fault or slower than 2 s, and keeps serving", { timeout: 240_000 }, async () => {
    // A fault is logged through console.error; collected here and reported with the rest.
    const logged: string[] = [];
    vi.mocked(console.error).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? a.stack ?? a.message : String(a))).join(" ").slice(0, 600));
    });
    const random = mulberry32(SEED);

    const found: FoundForm[] = [];
    for (const who of ROLES) found.push(...(await discover(who)));
    // One form per action and set of field names: the same comment form on twenty pages is one form.
    // An intent's value is part of what a form is: "approve" and "remove" are two forms to fuzz.
    const forms = new Map<string, FoundForm>();
    const seenBy = new Map<string, Set<Who>>();
    for (const form of found) {
      if (form.method !== "POST") continue;
      const names = [...new Set(form.fields.map(([n]) => n))].sort().join(",");
      const intent = form.fields.find(([n]) => n === "intent")?.[1] ?? "";
      const key = `${form.action.replace(/\/\d+(?=\/|\?|$)/g, "/N")} ${intent} ${names}`;
      if (!forms.has(key)) forms.set(key, form);
      seenBy.set(key, (seenBy.get(key) ?? new Set()).add(form.foundAs));
    }
    // The crawl must reach the forms of every part of the site, or the fuzzing proves little.
    const actions = [...forms.values()].map((f) => f.action);
    for (const expected of ["/login", "/join", "/forgot-password", "/settings", `/articles/${story.slug}`, "/admin/users", "/editor/new", "/editor/corrections", `/reset-password/${story.resetToken}`]) {
      expect(actions.some((a) => a.split("?")[0] === expected), `a form posting to ${expected} was found`).toBe(true);
    }

    const failures: Failure[] = [];
    let sent = 0;
    const pick = <T>(list: T[], n: number) => list.map((item) => [random(), item] as const).sort((a, b) => a[0] - b[0]).slice(0, n).map(([, item]) => item);
    for (const [key, form] of forms) {
      const all = fieldMutations(form);
      const bodies = wholeBodyMutations(form);
      for (const who of ROLES) {
        // A fresh user per form and role: a form that signs out, demotes or deletes its sender spoils nothing else.
        const user = await userFor(who);
        const cookie = user ? await app.cookieFor(user) : undefined;
        // A role whose pages show the form gets the full dose; a role the action turns away, a taste
        // (its guard answers before any field is read).
        const shown = seenBy.get(key)!.has(who);
        const batch = shown ? [...pick(all, PER_FORM), ...bodies] : [...pick(all, 3), ...pick(bodies, 3)];
        for (let i = 0; i < batch.length; i += IN_FLIGHT) {
          const results = await Promise.all(batch.slice(i, i + IN_FLIGHT).map((m) => send(who, cookie, form, m)));
          sent += results.length;
          for (const failure of results) if (failure) failures.push(failure);
        }
      }
    }

    const home = await fetch(new URL("/", app.baseUrl));
    const report = [
      `seed ${SEED} (repeat with PARLEY_FUZZ_SEED=${SEED}); ${forms.size} forms, ${sent} requests`,
      ...failures.map((f) => `${f.status} in ${f.ms} ms: ${f.method} ${f.path} as ${f.role}, field ${f.field}, value ${f.kind}`),
      ...(logged.length ? ["logged faults:", ...[...new Set(logged)].slice(0, 20)] : []),
    ].join("\n");
    expect(failures, report).toEqual([]);
    expect(logged, report).toEqual([]);
    expect(home.status, report).toBe(200);
  });
});
