import { createHash, randomBytes, randomUUID } from "node:crypto";
import { getDb } from "./client.ts";
import { withTenant } from "./with-tenant.ts";
import { NotFoundError } from "./errors.ts";

const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
const newToken = (): string => `mlfeed_${randomBytes(24).toString("base64url")}`;

/** What a feed selects and how it is served; the API validates these before they get here. */
export type TFeedSettings = {
  name: string;
  format: string;
  minScore: number | null;
  buckets: string[];
  includeCommunity: boolean;
  family: 4 | 6 | null;
  aggregate: boolean;
  maxEntries: number;
  pageSize: number | null;
};

/** A feed without its token hash: what the API and the portal show. */
const PUBLIC_FIELDS = {
  id: true,
  tenantId: true,
  name: true,
  format: true,
  minScore: true,
  buckets: true,
  includeCommunity: true,
  family: true,
  aggregate: true,
  maxEntries: true,
  pageSize: true,
  tokenPrefix: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
  revokedAt: true,
  lastPullAt: true,
  lastPullFrom: true,
  lastPullEntries: true,
  pulls: true,
} as const;

export type TFeed = Awaited<ReturnType<typeof listFeeds>>[number];

/** Creates a feed; its read token is returned once and only the token's SHA-256 is stored. */
export async function createFeed(opts: { tenantId: string; createdBy: string; settings: TFeedSettings }) {
  return withTenant(opts.tenantId, async (tx) => {
    const token = newToken();
    const feed = await tx.feed.create({
      data: {
        tenantId: opts.tenantId,
        createdBy: opts.createdBy,
        ...opts.settings,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, 14),
      },
      select: PUBLIC_FIELDS,
    });
    return { feed, token };
  });
}

/** The tenant's feeds, revoked ones included (the record of who pulled what stays). */
export async function listFeeds(tenantId: string) {
  return withTenant(tenantId, async (tx) => {
    return tx.feed.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" }, select: PUBLIC_FIELDS });
  });
}

/** One feed of the tenant; another tenant's id and an unknown one throw NotFoundError alike. */
export async function getFeed(opts: { tenantId: string; id: string }) {
  return withTenant(opts.tenantId, async (tx) => {
    const feed = await tx.feed.findFirst({
      where: { id: opts.id, tenantId: opts.tenantId },
      select: PUBLIC_FIELDS,
    });
    if (!feed) throw new NotFoundError("feed");
    return feed;
  });
}

/** Revokes the feed's token for good: its consumers get 401 from the next pull on. */
export async function revokeFeed(opts: { tenantId: string; id: string }): Promise<void> {
  return withTenant(opts.tenantId, async (tx) => {
    const { count } = await tx.feed.updateMany({
      where: { id: opts.id, tenantId: opts.tenantId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new NotFoundError("feed");
  });
}

/** A new token for the feed; the old one stops working at once. */
export async function rotateFeedToken(opts: { tenantId: string; id: string }): Promise<string> {
  return withTenant(opts.tenantId, async (tx) => {
    const token = newToken();
    const { count } = await tx.feed.updateMany({
      where: { id: opts.id, tenantId: opts.tenantId, revokedAt: null },
      data: { tokenHash: hashToken(token), tokenPrefix: token.slice(0, 14) },
    });
    if (count === 0) throw new NotFoundError("feed");
    return token;
  });
}

/**
 * The live feed a token reads, or null (unknown, rotated away or revoked). The token names the feed
 * and with it the tenant: a consumer never sees any other tenant or feed.
 */
export async function resolveFeedToken(token: string) {
  if (!token.startsWith("mlfeed_")) return null;
  const feed = await getDb().feed.findUnique({
    where: { tokenHash: hashToken(token) },
    select: PUBLIC_FIELDS,
  });
  return feed && !feed.revokedAt ? feed : null;
}

/** A feed's pulls are audited at most this often (see recordFeedPull). */
export const FEED_PULL_AUDIT_MS = 3600_000;

/**
 * Counts one pull: when, from where, how many entries went out; and audits it as `feed.pull` when
 * the feed had no audited pull in the last hour. Throttled because consumers poll: a CrowdSec
 * bouncer every 10 s to a minute, a firewall's EDL every few minutes, so one row per pull would be
 * thousands a day per feed and drown the rest of the tenant's log, while the Feed row already
 * counts every pull exactly. An hourly row still says who pulls (address), how much and since when.
 * One statement; two pulls racing at the top of an hour may both write, which is harmless.
 */
export async function recordFeedPull(opts: { feedId: string; from: string; entries: number; at?: Date }) {
  const at = opts.at ?? new Date();
  const from = opts.from.slice(0, 200);
  const db = getDb();
  const feed = await db.feed.update({
    where: { id: opts.feedId },
    data: { lastPullAt: at, lastPullFrom: from, lastPullEntries: opts.entries, pulls: { increment: 1 } },
    select: { tenantId: true, pulls: true },
  });
  const detail = JSON.stringify({ from, entries: opts.entries, pulls: feed.pulls });
  const since = new Date(at.getTime() - FEED_PULL_AUDIT_MS);
  await db.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "tenantId", "actor", "action", "target", "detail", "createdAt")
    SELECT ${randomUUID()}, ${feed.tenantId}, ${`feed:${opts.feedId}`}, 'feed.pull', ${opts.feedId},
           ${detail}::jsonb, ${at}
    WHERE NOT EXISTS (
      SELECT 1 FROM "AuditEvent"
       WHERE "tenantId" = ${feed.tenantId} AND "action" = 'feed.pull' AND "target" = ${opts.feedId}
         AND "createdAt" > ${since})`;
}

/** The fingerprint a feed's stream consumer is up to date with (null: unknown, diff needed). */
export async function streamFingerprint(feedId: string): Promise<string | null> {
  const row = await getDb().feed.findUnique({ where: { id: feedId }, select: { streamFingerprint: true } });
  return row?.streamFingerprint ?? null;
}

/** Records that the stream consumer now holds everything of this fingerprint. */
export async function setStreamFingerprint(feedId: string, fingerprint: string | null): Promise<void> {
  await getDb().feed.update({ where: { id: feedId }, data: { streamFingerprint: fingerprint } });
}

/** One entry a stream consumer holds. */
export type TSentEntry = { sortKey: string; value: string; scope: string; scenario: string };

const SENT_BATCH = 5_000;

/** What the feed's stream consumer was last sent, in sortKey order, a page at a time. */
export async function* streamSentEntries(feedId: string): AsyncGenerator<TSentEntry[]> {
  const db = getDb();
  let last = "";
  for (;;) {
    const rows = await db.$queryRawUnsafe<TSentEntry[]>(
      `SELECT "sortKey","value","scope","scenario" FROM "FeedSentEntry"
        WHERE "feedId" = $1 AND "sortKey" > $2 ORDER BY "sortKey" LIMIT ${SENT_BATCH}`,
      feedId,
      last,
    );
    if (rows.length === 0) return;
    yield rows;
    last = rows[rows.length - 1]?.sortKey ?? last;
    if (rows.length < SENT_BATCH) return;
  }
}

/** Records entries as sent (a re-sent one is replaced: its scenario may have changed). */
export async function addSentEntries(feedId: string, rows: readonly TSentEntry[]): Promise<void> {
  const db = getDb();
  for (let i = 0; i < rows.length; i += SENT_BATCH) {
    const b = rows.slice(i, i + SENT_BATCH);
    await db.$executeRawUnsafe(
      `INSERT INTO "FeedSentEntry" ("feedId","sortKey","value","scope","scenario")
       SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(sk, v, sc, sn)
       ON CONFLICT ("feedId","sortKey") DO UPDATE SET "value" = EXCLUDED."value",
         "scope" = EXCLUDED."scope", "scenario" = EXCLUDED."scenario"`,
      feedId,
      b.map((r) => r.sortKey),
      b.map((r) => r.value),
      b.map((r) => r.scope),
      b.map((r) => r.scenario),
    );
  }
}

/** Forgets entries the consumer was told to delete. */
export async function removeSentEntries(feedId: string, sortKeys: readonly string[]): Promise<void> {
  const db = getDb();
  for (let i = 0; i < sortKeys.length; i += SENT_BATCH)
    await db.$executeRawUnsafe(
      `DELETE FROM "FeedSentEntry" WHERE "feedId" = $1 AND "sortKey" = ANY($2::text[])`,
      feedId,
      sortKeys.slice(i, i + SENT_BATCH),
    );
}

/** Forgets everything sent: a consumer that asks for the full set (startup) starts over. */
export async function clearSentEntries(feedId: string): Promise<void> {
  await getDb().$executeRawUnsafe(`DELETE FROM "FeedSentEntry" WHERE "feedId" = $1`, feedId);
}
