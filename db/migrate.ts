import { Migrator, type Kysely, type Migration, type MigrationResultSet } from "kysely";
import * as initialSchema from "./migrations/0001-initial-schema";
import * as accounts from "./migrations/0002-accounts";
import * as newsroom from "./migrations/0003-newsroom";
import * as moderation from "./migrations/0004-moderation";
import * as threadIndexes from "./migrations/0005-thread-indexes";
import * as readerIndexes from "./migrations/0006-reader-indexes";
import * as imports from "./migrations/0007-imports";
import * as postgresSearch from "./migrations/0008-postgres-search";
import * as contentVersions from "./migrations/0009-content-versions";
import * as nameSkeletons from "./migrations/0010-name-skeletons";
import * as signInAddresses from "./migrations/0011-sign-in-addresses";
import * as commentEvents from "./migrations/0012-comment-events";
import * as commentPlacement from "./migrations/0013-comment-placement";
import * as nameSkeletonsWithoutPunctuation from "./migrations/0014-name-skeletons-without-punctuation";
import * as listVersions from "./migrations/0015-list-versions";
import * as moderationConflicts from "./migrations/0016-moderation-conflicts";
import * as postgresSearchBackfill from "./migrations/0017-postgres-search-backfill";
import * as ownCommentsIndex from "./migrations/0018-own-comments-index";
import * as oldCommentIdsIndex from "./migrations/0019-old-comment-ids-index";
import * as moderationNotices from "./migrations/0020-moderation-notices";
import * as joiningBrowser from "./migrations/0021-joining-browser";
import * as storyImages from "./migrations/0022-story-images";
import * as appeals from "./migrations/0023-appeals";
import * as afterHours from "./migrations/0024-after-hours";
import * as moderationAlerts from "./migrations/0025-moderation-alerts";
import * as slowMode from "./migrations/0026-slow-mode";
import * as commentArrivalAtCommit from "./migrations/0027-comment-arrival-at-commit";

/** Numbered migrations, imported statically so they work the same under tsx, vitest and a bundle. */
export const migrations: Record<string, Migration> = {
  "0001-initial-schema": initialSchema,
  "0002-accounts": accounts,
  "0003-newsroom": newsroom,
  "0004-moderation": moderation,
  "0005-thread-indexes": threadIndexes,
  "0006-reader-indexes": readerIndexes,
  "0007-imports": imports,
  "0008-postgres-search": postgresSearch,
  "0009-content-versions": contentVersions,
  "0010-name-skeletons": nameSkeletons,
  "0011-sign-in-addresses": signInAddresses,
  "0012-comment-events": commentEvents,
  "0013-comment-placement": commentPlacement,
  "0014-name-skeletons-without-punctuation": nameSkeletonsWithoutPunctuation,
  "0015-list-versions": listVersions,
  "0016-moderation-conflicts": moderationConflicts,
  "0017-postgres-search-backfill": postgresSearchBackfill,
  "0018-own-comments-index": ownCommentsIndex,
  "0019-old-comment-ids-index": oldCommentIdsIndex,
  "0020-moderation-notices": moderationNotices,
  "0021-joining-browser": joiningBrowser,
  "0022-story-images": storyImages,
  "0023-appeals": appeals,
  "0024-after-hours": afterHours,
  "0025-moderation-alerts": moderationAlerts,
  "0026-slow-mode": slowMode,
  "0027-comment-arrival-at-commit": commentArrivalAtCommit,
};

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migrationName: string | undefined,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

function describe(results: MigrationResultSet): string[] {
  return (results.results ?? []).map((r) => `${r.migrationName}: ${r.status}`);
}

/**
 * Brings the database up to the newest migration in one transaction. On failure nothing of the run is
 * kept and a MigrationError names the migration and the database error.
 */
export async function migrateToLatest(
  db: Kysely<any>,
  available: Record<string, Migration> = migrations,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => available } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(
      `Migration ${failed ?? "(unknown)"} failed: ${reason}. The database was left as it was before this run.`,
      failed,
      result.error,
    );
  }
  return describe(result).filter((line) => line.endsWith("Success"));
}
