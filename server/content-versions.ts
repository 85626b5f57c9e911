import type Database from "better-sqlite3";
import pg from "pg";
import { openSqlite, parseDatabaseUrl, type DatabaseTarget } from "../db/database";

/**
 * What this app server knows of the content versions (migration 0009, ADR 13): for each key ("site",
 * "article:<id>") the version the database holds, learnt without asking the database on every
 * request. The page caches ask it whether a page is still good.
 *
 * Each change this server learns of gets a local stamp (a counter). A page records the stamp at which
 * its rendering began; it stays good while none of the keys it depends on has changed since. Pages
 * that list stories (anything that is not one story's page) depend on every story's key as well.
 *
 * SQLite: on each question, PRAGMA data_version says whether any other connection has committed since
 * the last; only then is the table read (the highest version, then only what is newer).
 * PostgreSQL: a LISTEN connection hears every bump at commit, from every app server; after a
 * reconnect, everything cached is treated as changed and the versions are read afresh. While the
 * connection is down nothing counts as good, so the caches render every page.
 */
export const CONTENT_CHANNEL = "parley_content";
const ARTICLE_PREFIX = "article:";
/** What the site's lists show changed (migration 0015). */
const LISTS_KEY = "lists";
/** How far behind the newest version a late commit's version may be (PostgreSQL sequences are not in commit order). */
const LATE_COMMIT_WINDOW = 1_000;
/** SQLite: how long the answer to "has anyone committed?" stands before the file is asked again. */
const SQLITE_ASK_EVERY_MS = 1;
/** PostgreSQL: the connections for reading versions, besides the one that listens. */
const VERSION_POOL_SIZE = 2;

export interface PageDependencies {
  /** The one story a page shows, or null for a page that lists stories (or shows none). */
  articleId: number | null;
  /**
   * A page that shows only what the site's lists show (the story rows and their categories): it
   * depends on the "lists" key (migration 0015), not on every story's, so a like elsewhere keeps it.
   */
  listsOnly?: boolean;
}

export class ContentVersions {
  private readonly versions = new Map<string, number>();
  private readonly changedAt = new Map<string, number>();
  private stamp = 1;
  private anyArticleChangedAt = 0;
  private everythingChangedAt = 0;
  private highest = 0;
  private nextScheduled: number | null = null;
  private live = false;
  private readonly listeners = new Set<(key: string) => void>();
  private readonly source: SqliteSource | PostgresSource;

  constructor(databaseUrl?: string) {
    const target = parseDatabaseUrl(databaseUrl);
    this.source = target.dialect === "sqlite" ? new SqliteSource(target.filename, this) : new PostgresSource(target, this);
  }

  /** Resolves once the versions are known (PostgreSQL: listening and read); SQLite at once. */
  ready(): Promise<void> {
    return this.source.ready;
  }

  /** Whether the versions can be trusted at all right now. */
  get isLive(): boolean {
    this.source.sync();
    return this.live;
  }

  /** The stamp to record when a rendering begins. */
  now(): number {
    this.source.sync();
    return this.stamp;
  }

  /** Whether nothing a page depends on has changed since `since` (a stamp from now()). */
  unchangedSince(since: number, dependencies: PageDependencies): boolean {
    this.source.sync();
    if (!this.live || this.everythingChangedAt > since) return false;
    if ((this.changedAt.get("site") ?? 0) > since) return false;
    if (dependencies.articleId === null) {
      return dependencies.listsOnly ? (this.changedAt.get(LISTS_KEY) ?? 0) <= since : this.anyArticleChangedAt <= since;
    }
    return (this.changedAt.get(`${ARTICLE_PREFIX}${dependencies.articleId}`) ?? 0) <= since;
  }

  /** The version the database holds for a key, as far as this server knows (0 when never bumped). */
  versionOf(key: string): number {
    this.source.sync();
    return this.versions.get(key) ?? 0;
  }

  /** When the next scheduled story goes live (ms since the epoch), or null: pages go stale at that moment. */
  nextScheduledAt(): number | null {
    this.source.sync();
    return this.source.nextScheduled(this.nextScheduled);
  }

  /** After this server's own write: make sure it knows of the versions that write bumped. */
  async refresh(): Promise<void> {
    await this.source.refresh();
  }

  close(): Promise<void> {
    return this.source.close();
  }

  /** Calls `listener` with each key whose version this server learns has moved (the live-update streams). */
  onChange(listener: (key: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** SQLite learns of other processes' writes only when asked: ask now (a cheap read). */
  poll() {
    this.source.sync();
  }

  // --- what the sources report -------------------------------------------------------------------

  /** @internal */
  apply(key: string, version: number) {
    if (version > this.highest) this.highest = version;
    // A key's version only grows; a notification that arrives after a read of a newer version is old news.
    if ((this.versions.get(key) ?? 0) >= version) return;
    this.versions.set(key, version);
    this.stamp++;
    this.changedAt.set(key, this.stamp);
    if (key.startsWith(ARTICLE_PREFIX)) {
      this.anyArticleChangedAt = this.stamp;
      // (Absent only while the SQLite source reads the table from inside its constructor.)
      this.source?.scheduleChanged(key, version);
    }
    for (const listener of this.listeners) listener(key);
  }

  /** @internal Nothing known any more: every page made so far is stale. */
  forgetEverything() {
    this.stamp++;
    this.everythingChangedAt = this.stamp;
  }

  /** @internal */
  setLive(live: boolean) {
    if (live !== this.live) this.forgetEverything();
    this.live = live;
  }

  /** @internal */
  setNextScheduled(at: number | null) {
    this.nextScheduled = at;
  }

  /** @internal */
  get highestVersion() {
    return this.highest;
  }
}

/** SQLite: a connection of its own on the file, read on each question (a few microseconds). */
class SqliteSource {
  readonly ready = Promise.resolve();
  private readonly sqlite: Database.Database;
  private readonly highest: Database.Statement;
  private readonly newer: Database.Statement;
  private readonly dataVersion: Database.Statement;
  /** PRAGMA data_version as last read: it moves when another connection commits to the file. */
  private seenDataVersion = -1;
  private readonly scheduled: Database.Statement;

  constructor(
    filename: string,
    private readonly versions: ContentVersions,
  ) {
    this.sqlite = openSqlite(filename);
    this.highest = this.sqlite.prepare("select coalesce(max(version), 0) from content_version").pluck();
    this.dataVersion = this.sqlite.prepare("pragma data_version").pluck();
    this.newer = this.sqlite.prepare("select key, version from content_version where version > ?");
    this.scheduled = this.sqlite
      .prepare("select min(published_at) from article where status = 'scheduled' and published_at > ?")
      .pluck();
    versions.setLive(true);
    this.sync();
  }

  /** When sync last asked the file (performance.now()). */
  private askedAt = Number.NEGATIVE_INFINITY;

  /**
   * Asked on every request the caches answer, so at most once a millisecond (another process's commit
   * is seen within one, sooner than PostgreSQL's notifications arrive); refresh() asks at once, so this
   * server's own writes are seen on its next page. Nothing is read unless someone has committed since.
   */
  sync() {
    const now = performance.now();
    if (now - this.askedAt < SQLITE_ASK_EVERY_MS) return;
    this.askedAt = now;
    this.read();
  }

  private read() {
    const dataVersion = this.dataVersion.get() as number;
    if (dataVersion === this.seenDataVersion) return;
    this.seenDataVersion = dataVersion;
    const highest = this.highest.get() as number;
    if (highest === this.versions.highestVersion) return;
    for (const row of this.newer.all(this.versions.highestVersion) as { key: string; version: number }[]) {
      this.versions.apply(row.key, row.version);
    }
  }

  scheduleChanged(_key: string, _version: number) {}

  nextScheduled(): number | null {
    const next = this.scheduled.get(new Date().toISOString()) as string | null;
    return next ? Date.parse(next) : null;
  }

  async refresh() {
    this.askedAt = performance.now();
    this.read();
  }

  async close() {
    this.sqlite.close();
  }
}

/** PostgreSQL: LISTEN on a connection of its own, reconnecting, plus a small pool for reads. */
class PostgresSource {
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private listener: pg.Client | null = null;
  private readonly pool: pg.Pool;
  private closed = false;
  private retryMs = 250;
  private reloadTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly target: Extract<DatabaseTarget, { dialect: "postgres" }>,
    private readonly versions: ContentVersions,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.pool = new pg.Pool({ connectionString: target.url, max: VERSION_POOL_SIZE, connectionTimeoutMillis: 5_000 });
    this.pool.on("error", () => {});
    void this.connect();
  }

  sync() {}

  /** While a story's change is being read, when the next one goes live is not known: pages expire at once. */
  private scheduledPending = false;

  nextScheduled(known: number | null): number | null {
    return this.scheduledPending ? Date.now() : known;
  }

  private async connect() {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.target.url, connectionTimeoutMillis: 5_000 });
    client.on("error", () => this.lost(client));
    client.on("end", () => this.lost(client));
    client.on("notification", (message) => {
      if (message.channel !== CONTENT_CHANNEL || !message.payload) return;
      const space = message.payload.lastIndexOf(" ");
      this.versions.apply(message.payload.slice(0, space), Number(message.payload.slice(space + 1)));
    });
    try {
      await client.connect();
      await client.query(`listen ${CONTENT_CHANNEL}`);
      this.listener = client;
      // Listening first, then reading: a bump committed in between is heard, read, or both.
      await this.readAll();
      await this.readNextScheduled();
      this.retryMs = 250;
      this.versions.setLive(true);
      this.markReady();
    } catch {
      client.removeAllListeners("end");
      await client.end().catch(() => {});
      this.retry();
    }
  }

  private lost(client: pg.Client) {
    if (this.listener !== client) return;
    this.listener = null;
    this.versions.setLive(false);
    client.removeAllListeners();
    client.on("error", () => {});
    void client.end().catch(() => {});
    this.retry();
  }

  private retry() {
    if (this.closed) return;
    // Not ready yet: serve without caches rather than wait for the database.
    this.markReady();
    setTimeout(() => void this.connect(), this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
  }

  private async readAll() {
    const { rows } = await this.pool.query<{ key: string; version: string }>("select key, version from content_version");
    for (const row of rows) this.versions.apply(row.key, Number(row.version));
  }

  private async readNextScheduled() {
    const { rows } = await this.pool.query<{ next: string | null }>(
      "select min(published_at) as next from article where status = 'scheduled' and published_at > $1",
      [new Date().toISOString()],
    );
    this.versions.setNextScheduled(rows[0]?.next ? Date.parse(rows[0].next) : null);
  }

  /** A story changed: when the next scheduled one goes live may have changed too (read once per burst). */
  scheduleChanged(key: string, version: number) {
    for (const heard of this.heardDuringReads) heard.push({ key, version });
    if (this.reloadTimer || this.closed) return;
    this.scheduledPending = true;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      this.readNextScheduled().then(
        () => (this.scheduledPending = this.reloadTimer !== null),
        () => {},
      );
    }, 20);
    this.reloadTimer.unref();
  }

  /** The reads of new versions under way (as many as the pool has connections), and the one waiting to begin. */
  private readonly reading = new Set<Promise<void>>();
  private nextRefresh: Promise<void> | null = null;

  /**
   * Writes that end together share reads: each caller waits for a read that began after it asked. With
   * a connection free that read begins at once; with both busy, the caller joins the read that begins
   * when one is free, as does every caller arriving meanwhile. (Never one already under way, which may
   * predate the caller's commit.) Eight writers at once make three reads, not eight queued on two.
   */
  refresh(): Promise<void> {
    if (!this.listener) return Promise.resolve();
    if (this.nextRefresh) return this.nextRefresh;
    if (this.reading.size < VERSION_POOL_SIZE) return this.startRefresh();
    this.nextRefresh = Promise.race([...this.reading].map((read) => read.catch(() => {}))).then(() => {
      this.nextRefresh = null;
      return this.startRefresh();
    });
    return this.nextRefresh;
  }

  private startRefresh(): Promise<void> {
    const read: Promise<void> = this.readChanges().finally(() => this.reading.delete(read));
    this.reading.add(read);
    return read;
  }

  /** For each read of versions under way, the story changes heard while it runs: see readChanges. */
  private readonly heardDuringReads = new Set<{ key: string; version: number }[]>();

  /**
   * The versions newer than those known, and when the next scheduled story goes live, in one statement
   * (so in one snapshot): a story's change, which may have moved the next publication, is settled by
   * the same round trip that learns of it.
   */
  private async readChanges() {
    if (!this.listener) return;
    const since = Math.max(0, this.versions.highestVersion - LATE_COMMIT_WINDOW);
    const heard: { key: string; version: number }[] = [];
    this.heardDuringReads.add(heard);
    let rows: { key: string | null; version: string | null; next: string | null }[];
    try {
      // Named, so each connection plans it once: it runs after every write.
      ({ rows } = await this.pool.query<{ key: string | null; version: string | null; next: string | null }>({
        name: "parley_versions_since",
        text: `select key, version, null as next from content_version where version > $1
         union all
         select null, null, min(published_at) from article where status = 'scheduled' and published_at > $2`,
        values: [since, new Date().toISOString()],
      }));
    } finally {
      this.heardDuringReads.delete(heard);
    }
    // A story's change heard while the statement ran is settled by it only if its snapshot holds that
    // change: its row for the story carries that version or a newer one (the version is bumped in the
    // writer's own transaction). Otherwise the timer's own read settles it, and pages expire meanwhile.
    const read = new Map<string, number>();
    for (const row of rows) if (row.key !== null) read.set(row.key, Number(row.version));
    const settled = heard.every(({ key, version }) => (read.get(key) ?? 0) >= version);
    for (const [key, version] of read) this.versions.apply(key, version);
    const next = rows.find((row) => row.key === null)?.next ?? null;
    this.versions.setNextScheduled(next ? Date.parse(next) : null);
    if (settled && this.reloadTimer) {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = null;
    }
    if (settled) this.scheduledPending = false;
  }

  async close() {
    this.closed = true;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    const listener = this.listener;
    this.listener = null;
    if (listener) {
      listener.removeAllListeners();
      listener.on("error", () => {});
      await listener.end().catch(() => {});
    }
    await this.pool.end().catch(() => {});
  }
}
