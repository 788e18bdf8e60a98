import {
  stixIdentity,
  collectTaxiiPage,
  parseTaxiiTimestamp,
  taxiiIndicatorItem,
  taxiiTimestamp,
  type TTaxiiCursor,
  type TTaxiiItem,
  type TTaxiiPage,
} from "@mlsec/core/feeds";
import { getTenant, streamDecisionsByAdded, type TFeed } from "@mlsec/db";
import { selectFeed, served, toFeedDecision } from "./feed-decisions.ts";
import { filterOfFeed } from "./feed-selection.ts";

/**
 * The identity's place in (date added, sort key) order. It is added when the tenant is created,
 * before any decision, so it comes first; the key is that of 0.0.0.0/0, which is never a decision
 * (TAXII serves single addresses), so no decision shares its position.
 */
const IDENTITY_SORT_KEY = `4${"0".repeat(34)}`;

export type TTaxiiObjectsPage = TTaxiiPage & {
  /** How many indicators the page carries (what the pull is recorded with). */
  indicators: number;
};

const isAfter = (item: TTaxiiItem, cursor: TTaxiiCursor | null): boolean =>
  cursor === null ||
  item.dateAdded > cursor.dateAdded ||
  (item.dateAdded === cursor.dateAdded && item.sortKey > cursor.sortKey);

/**
 * One page of a feed's TAXII collection: the tenant's identity (so every indicator's
 * `created_by_ref` resolves) and one indicator per address the feed serves, in (date added, sort
 * key) order, where date added is when the decision's row was last written. `cursor` is the
 * decoded `next` of the previous page, `addedAfter` keeps only objects added strictly after it,
 * and `types` (match[type]) keeps only those types; null: every type.
 *
 * The feed's `aggregate` flag does not apply: merging addresses into CIDRs needs the rows in
 * address order, and a collection is read in the order its objects were added, so TAXII always
 * serves single addresses. The `maxEntries` cap applies as `served()` applies it, by the score of
 * the cap's last entry: addresses tied at that score are all served, which can exceed the cap by
 * those ties (the address-order feeds cut them by position, which has no meaning here).
 */
export async function taxiiObjectsPage(opts: {
  feed: TFeed;
  now: Date;
  addedAfter: Date | null;
  limit: number;
  cursor: TTaxiiCursor | null;
  types: readonly string[] | null;
}): Promise<TTaxiiObjectsPage> {
  const { feed, addedAfter } = opts;
  // The db compares instants at milliseconds; so do the string comparisons below.
  const at = opts.cursor ? parseTaxiiTimestamp(opts.cursor.dateAdded) : null;
  const cursor = opts.cursor && at ? { dateAdded: taxiiTimestamp(at), sortKey: opts.cursor.sortKey } : null;
  const wants = (type: string) => opts.types === null || opts.types.includes(type);
  const [selection, tenant] = await Promise.all([
    selectFeed({ tenantId: feed.tenantId, filter: filterOfFeed(feed), now: opts.now }),
    getTenant(feed.tenantId),
  ]);

  async function* items(): AsyncGenerator<TTaxiiItem> {
    if (tenant && wants("identity")) {
      const identity: TTaxiiItem = {
        object: stixIdentity(feed.tenantId, tenant.createdAt.toISOString()),
        dateAdded: taxiiTimestamp(tenant.createdAt),
        sortKey: IDENTITY_SORT_KEY,
      };
      if (isAfter(identity, cursor) && (addedAfter === null || tenant.createdAt > addedAfter)) yield identity;
    }
    if (!wants("indicator")) return;
    const after = cursor ? { updatedAt: cursor.dateAdded, sortKey: cursor.sortKey } : null;
    for await (const rows of streamDecisionsByAdded(selection.query, { after, addedAfter })) {
      for (const row of rows) {
        if (!served(row, selection)) continue;
        const listed = selection.matcher.size > 0 ? selection.matcher.match(row.ip, row.asn) : null;
        yield taxiiIndicatorItem(toFeedDecision(row, listed?.kind === "block"), row.updatedAt, feed.tenantId);
      }
    }
  }

  // collectTaxiiPage stops reading one item past the limit, which closes the row stream.
  const page = await collectTaxiiPage(items(), { limit: opts.limit });
  return { ...page, indicators: page.items.filter((i) => i.object.type === "indicator").length };
}
