import { sql, type Kysely } from "kysely";
import type { Database, User } from "./schema";
import { hashPassword } from "../app/auth/password.server";
import { setPageContent, setSiteSettings } from "../app/models/setting.server";
import { replaceTermsRules } from "../app/models/terms.server";
import { makeArticle, makeCategory, makeComment, makeUser } from "../tests/factories";
import * as content from "./seed/content";
import { seedModerationDemo } from "./seed/moderation";

/** Everyone in the demo signs in with this password (the README lists the accounts). */
export const DEMO_PASSWORD = "harbour-lights-42";
export const DEMO_DOMAIN = "skerrin.example";

export const DEMO_ACCOUNTS = {
  admin: `admin@${DEMO_DOMAIN}`,
  editor: `editor@${DEMO_DOMAIN}`,
  moderator: `moderator@${DEMO_DOMAIN}`,
  resident: demoResidentEmail(content.residentNames[0] ?? "resident"),
};

/** How many comments each story's volume gets. The "huge" story is the one the issue asks to reach 1,500+. */
const VOLUME_COUNTS = { huge: 1600, large: 320, medium: 60, small: 12, none: 0 } as const;
/** Chance that a new comment starts a thread rather than replying to one. */
const NEW_THREAD_CHANCE = { huge: 0.1, large: 0.2, medium: 0.3, small: 0.5, none: 0 } as const;
const DEEPEST_DEPTH = 5; // six levels: a top-level comment and five levels of replies

const TABLES_CHILD_FIRST = [
  "notification",
  "user_sanction",
  "correction_report",
  "moderation_claim",
  "moderation_action",
  "comment_report",
  "comment_like",
  "comment",
  "article_category",
  "article",
  "category",
  "session",
  "terms_rule",
  "setting",
  "user",
] as const;

/** A demo resident's address: the display name in lower case, a dot between its parts (the README says so). */
export function demoResidentEmail(name: string): string {
  const localPart = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")
    .replace(/^\.|\.$/g, "");
  return `${localPart}@${DEMO_DOMAIN}`;
}

/** A small seeded generator (mulberry32): the same demo every time. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (p: number) => next() < p,
  };
}

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const users = await db.selectFrom("user").select("id").limit(1).execute();
  const articles = await db.selectFrom("article").select("id").limit(1).execute();
  return users.length === 0 && articles.length === 0;
}

export async function clearDatabase(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // comments point at each other; break those links before deleting
    await trx.updateTable("comment").set({ parent_id: null, root_id: null }).execute();
    for (const table of TABLES_CHILD_FIRST) await trx.deleteFrom(table).execute();
  });
}

export interface SeedSummary {
  users: number;
  articles: number;
  comments: number;
  biggestArticle: { slug: string; comments: number };
}

export async function seedDemo(db: Kysely<Database>, options: { now?: Date } = {}): Promise<SeedSummary> {
  const random = seededRandom(20261122);
  const now = options.now ?? new Date();
  const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
  const DAY = 86_400_000;
  const HOUR = 3_600_000;

  await setSiteSettings(db, { siteName: content.siteName, tagline: content.siteTagline });
  await setPageContent(db, "about", content.aboutPage);
  await setPageContent(db, "terms_intro", content.termsIntro);
  await replaceTermsRules(db, content.termsOfPosting);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff = {
    admin: await makeUser(db, {
      email: DEMO_ACCOUNTS.admin,
      displayName: content.staff.admin,
      role: "admin",
      passwordHash,
      createdAt: at(900 * DAY),
    }),
    editor: await makeUser(db, {
      email: DEMO_ACCOUNTS.editor,
      displayName: content.staff.editor,
      role: "editor",
      passwordHash,
      createdAt: at(880 * DAY),
    }),
    secondEditor: await makeUser(db, {
      email: `reporter@${DEMO_DOMAIN}`,
      displayName: content.staff.secondEditor,
      role: "editor",
      passwordHash,
      createdAt: at(700 * DAY),
    }),
    moderator: await makeUser(db, {
      email: DEMO_ACCOUNTS.moderator,
      displayName: content.staff.moderator,
      role: "moderator",
      passwordHash,
      createdAt: at(850 * DAY),
    }),
  };

  const residents: User[] = [];
  for (const [index, name] of content.residentNames.entries()) {
    residents.push(
      await makeUser(db, {
        email: demoResidentEmail(name),
        displayName: name,
        passwordHash,
        createdAt: at((index === 0 ? 400 : random.int(3, 800)) * DAY + random.int(0, 23) * HOUR),
      }),
    );
  }

  const categoryIds = new Map<string, number>();
  for (const [position, category] of content.categories.entries()) {
    const row = await makeCategory(db, { ...category, position });
    categoryIds.set(category.slug, row.id);
  }

  let commentTotal = 0;
  let biggest = { slug: "", comments: 0 };
  // Oldest first, so that ids follow publication order like a real site's.
  const stories = [...content.articles].sort((a, b) => b.daysAgo - a.daysAgo);
  const storyIds = new Map<string, number>();
  for (const [index, story] of stories.entries()) {
    const publishedAt = at(story.daysAgo * DAY + (7 + (index % 10)) * HOUR);
    const article = await makeArticle(db, {
      slug: story.slug,
      headline: story.headline,
      summary: story.summary,
      bodySource: story.body,
      authorId: index % 3 === 2 ? staff.secondEditor.id : staff.editor.id,
      status: "published",
      publishedAt,
      commentsOpen: story.commentsOpen,
      categoryIds: story.categories.map((slug) => {
        const id = categoryIds.get(slug);
        if (id === undefined) throw new Error(`Story ${story.slug} names an unknown category ${slug}`);
        return id;
      }),
      createdAt: publishedAt,
    });
    storyIds.set(story.slug, article.id);
    const count = await seedThread(db, {
      random,
      articleId: article.id,
      story,
      residents,
      startMs: Date.parse(publishedAt),
      endMs: Math.min(now.getTime() - 60_000, Date.parse(publishedAt) + 6 * DAY),
    });
    commentTotal += count;
    if (count > biggest.comments) biggest = { slug: story.slug, comments: count };
  }

  commentTotal += await seedModerationDemo(db, { staff, residents, stories: storyIds, passwordHash, at });

  // A draft and a scheduled story: present for editors, hidden from readers.
  await makeArticle(db, {
    slug: "harbour-dredging-draft",
    headline: "Harbour dredging: what the survey found (draft)",
    summary: "Draft: not yet checked with the harbour trust.",
    bodySource: "Draft notes for a story about the harbour survey.",
    authorId: staff.editor.id,
    status: "draft",
    publishedAt: null,
  });
  await makeArticle(db, {
    slug: "gala-week-programme",
    headline: "Gala week programme announced",
    summary: "The full programme for this summer's gala week.",
    bodySource: "The gala committee has published the programme.",
    authorId: staff.secondEditor.id,
    status: "scheduled",
    publishedAt: new Date(now.getTime() + 3 * DAY).toISOString(),
  });

  return {
    users: residents.length + Object.keys(staff).length,
    articles: stories.length,
    comments: commentTotal,
    biggestArticle: biggest,
  };
}

interface ThreadSeed {
  random: ReturnType<typeof seededRandom>;
  articleId: number;
  story: content.SeedArticle;
  residents: User[];
  startMs: number;
  endMs: number;
}

/** Grows one story's discussion: new threads and replies in time order, some chains six levels deep. */
async function seedThread(db: Kysely<Database>, seed: ThreadSeed): Promise<number> {
  const { random, story, residents } = seed;
  const total = VOLUME_COUNTS[story.commentVolume];
  if (total === 0) return 0;
  const placed: { id: number; depth: number; authorId: number }[] = [];
  const span = Math.max(seed.endMs - seed.startMs, total * 1000);
  const topTexts = [...story.topComments, ...content.genericOpeners, ...content.commentMarkdownExtras];
  const replyTexts = [...story.replies, ...content.genericReplies];
  const likes: { comment_id: number; user_id: number; created_at: string }[] = [];

  for (let i = 0; i < total; i++) {
    const createdAt = new Date(seed.startMs + Math.floor(((i + 1) / (total + 1)) * span)).toISOString();
    // The first few comments build one chain to the deepest level, so every busy story shows it.
    const chainStep = i < DEEPEST_DEPTH + 1 && total >= 12;
    const startThread =
      placed.length === 0 || (!chainStep && random.chance(NEW_THREAD_CHANCE[story.commentVolume]));
    let parent: (typeof placed)[number] | undefined;
    if (!startThread) {
      if (chainStep) parent = placed[placed.length - 1];
      else {
        // Lean towards recent comments, as real discussions do.
        const window = Math.min(placed.length, 40);
        for (let attempt = 0; attempt < 5 && !parent; attempt++) {
          const candidate = placed[placed.length - 1 - random.int(0, window - 1)];
          if (candidate && candidate.depth < DEEPEST_DEPTH) parent = candidate;
        }
      }
    }
    let author = random.pick(residents);
    while (parent && author.id === parent.authorId) author = random.pick(residents);
    let text = parent ? random.pick(replyTexts) : random.pick(topTexts);
    if (story.commentVolume === "huge" && random.chance(0.3)) text = `${text}\n\n${random.pick(replyTexts)}`;
    const status = !parent && i > 10 && random.chance(0.01) ? "deleted" : "visible";
    const comment = await makeComment(db, {
      articleId: seed.articleId,
      authorId: author.id,
      parentId: parent?.id ?? null,
      bodySource: text,
      status,
      createdAt,
    });
    placed.push({ id: comment.id, depth: comment.depth, authorId: author.id });
    const likeCount = random.chance(0.6) ? random.int(1, 6) : 0;
    const likers = new Set<number>();
    for (let k = 0; k < likeCount; k++) {
      const liker = random.pick(residents);
      if (liker.id !== author.id) likers.add(liker.id);
    }
    for (const userId of likers) likes.push({ comment_id: comment.id, user_id: userId, created_at: createdAt });
  }

  for (let start = 0; start < likes.length; start += 500) {
    await db.insertInto("comment_like").values(likes.slice(start, start + 500)).execute();
  }
  await db
    .updateTable("comment")
    .set({
      like_count: (eb) =>
        eb
          .selectFrom("comment_like")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("comment_like.comment_id", "=", "comment.id"),
    })
    .where("article_id", "=", seed.articleId)
    .execute();
  const counted = await db
    .selectFrom("comment")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("article_id", "=", seed.articleId)
    .where("status", "=", "visible")
    .executeTakeFirstOrThrow();
  await db
    .updateTable("article")
    .set({ comment_count: sql<number>`${Number(counted.n)}` })
    .where("id", "=", seed.articleId)
    .execute();
  return total;
}
