import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { SessionUser } from "../../auth/session.server";
import { findPublishedArticleId } from "../article/reading.server";
import { getPendingWarning } from "../moderation/sanction.server";
import { countUnreadNotifications } from "../notification.server";
import { hasStakeInDiscussion } from "./discussion.server";
import { postingBlockedReason } from "./posting.server";

/**
 * What a signed-in reader's story page depends on besides the story itself. Readers of the same
 * standing see the same page apart from their name, id and unread count, so the server may render it
 * once and share it (server/reader-page-cache.ts, ADR 10). This is the one model entry point server/
 * calls for that.
 */
export interface ReaderStanding {
  role: SessionUser["role"];
  emailVerified: boolean;
  blockedReason: string | null;
  hasUnread: boolean;
}

export interface SharedArticleReader {
  standing: ReaderStanding;
  unread: number;
}

/**
 * The reader's standing on a public story, or null when the page must be rendered for them alone: the
 * story is not public at this address, the reader has a stake in its discussion (a comment, a like, a
 * report), or a warning waits for them.
 */
export async function findSharedArticleReader(
  db: Kysely<Database>,
  input: { user: SessionUser; slug: string },
): Promise<SharedArticleReader | null> {
  const { user, slug } = input;
  const articleId = await findPublishedArticleId(db, slug);
  if (articleId === undefined) return null;
  const [stake, warning, unread] = await Promise.all([
    hasStakeInDiscussion(db, { userId: user.id, articleId }),
    getPendingWarning(db, user.id),
    countUnreadNotifications(db, user.id),
  ]);
  if (stake || warning) return null;
  return {
    unread,
    standing: {
      role: user.role,
      emailVerified: user.emailVerified,
      blockedReason: postingBlockedReason(user),
      hasUnread: unread > 0,
    },
  };
}
