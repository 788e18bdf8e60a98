import type { TStixObject } from "../export/export-stix.ts";
import { ChunkBuffer } from "./chunk-buffer.ts";
import type { TFeedDecision } from "./feed-decision.ts";
import { decisionSortKey } from "./sort-key.ts";
import { stixIndicator } from "./stix-indicator.ts";

/** TAXII 2.1 resources (discovery, api root, collections, envelopes) and errors. */
export const TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1";
/** STIX content inside a collection. */
export const STIX_MEDIA_TYPE = "application/stix+json;version=2.1";

/** The most objects one page carries, whatever `limit` asks: bounds a page's memory. */
export const TAXII_MAX_PAGE = 10_000;

export type TTaxiiDiscovery = {
  title: string;
  description?: string;
  contact?: string;
  default?: string;
  api_roots?: string[];
};

/** GET /taxii2/: the server's title and its API roots (absolute URLs, or paths relative to the host). */
export function taxiiDiscovery(o: {
  title: string;
  description?: string;
  contact?: string;
  apiRoots: string[];
  defaultApiRoot?: string;
}): TTaxiiDiscovery {
  return {
    title: o.title,
    ...(o.description !== undefined && { description: o.description }),
    ...(o.contact !== undefined && { contact: o.contact }),
    ...(o.defaultApiRoot !== undefined && { default: o.defaultApiRoot }),
    api_roots: o.apiRoots,
  };
}

/** GET <api-root>/: title, the TAXII versions it speaks and the largest request body it accepts. */
export function taxiiApiRoot(o: { title: string; description?: string; maxContentLength: number }) {
  return {
    title: o.title,
    ...(o.description !== undefined && { description: o.description }),
    versions: [TAXII_MEDIA_TYPE],
    max_content_length: o.maxContentLength,
  };
}

/** A read-only collection of STIX 2.1 objects (feeds are pulled, never pushed to). */
export function taxiiCollection(o: { id: string; title: string; description?: string; alias?: string }) {
  return {
    id: o.id,
    title: o.title,
    ...(o.description !== undefined && { description: o.description }),
    ...(o.alias !== undefined && { alias: o.alias }),
    can_read: true,
    can_write: false,
    media_types: [STIX_MEDIA_TYPE],
  };
}

export function taxiiCollections(collections: ReturnType<typeof taxiiCollection>[]) {
  return { collections };
}

/** A TAXII error message (the body of every 4xx/5xx). */
export function taxiiError(o: { title: string; description?: string; httpStatus: number }) {
  return {
    title: o.title,
    ...(o.description !== undefined && { description: o.description }),
    http_status: String(o.httpStatus),
  };
}

/** An object as a collection serves it: when it was added, and its position in the feed. */
export type TTaxiiItem = { object: TStixObject; dateAdded: string; sortKey: string };
/** Where a page ended: the next page starts strictly after this (date added, then sort key). */
export type TTaxiiCursor = { dateAdded: string; sortKey: string };

/**
 * `next` is opaque to clients: base64url of the last item's date added and sort key. The caller
 * resumes its query strictly after that pair (ORDER BY date_added, sort_key), which stays exact
 * when many objects share a date added (one report adds thousands at the same instant).
 */
export function encodeTaxiiCursor(c: TTaxiiCursor): string {
  return Buffer.from(`${c.dateAdded}|${c.sortKey}`, "utf8").toString("base64url");
}

/** The cursor in a client's `next`, or null for anything this server did not issue. */
export function decodeTaxiiCursor(text: string): TTaxiiCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  const [dateAdded = "", sortKey = "", ...rest] = Buffer.from(text, "base64url").toString("utf8").split("|");
  if (rest.length > 0 || parseTaxiiTimestamp(dateAdded) === null || !/^[46][0-9a-f]{34}$/.test(sortKey))
    return null;
  return { dateAdded, sortKey };
}

/**
 * A TAXII/STIX timestamp (RFC 3339 in UTC, `Z`, optional fraction) as a Date, or null; for the
 * `added_after` filter and cursors. Offsets other than Z are refused, as the spec requires UTC.
 */
export function parseTaxiiTimestamp(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(text)) return null;
  const ms = Date.parse(text.replace(/(\.\d{3})\d+Z$/, "$1Z"));
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/** `added_after` from the query string: undefined when absent, null when malformed (answer 400). */
export function parseAddedAfter(value: string | null | undefined): Date | null | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  return parseTaxiiTimestamp(value);
}

/** A timestamp as TAXII headers and date_added carry it (UTC, milliseconds). */
export function taxiiTimestamp(at: Date | string): string {
  return new Date(at).toISOString();
}

/** `X-TAXII-Date-Added-First` / `-Last`: the date added of the page's first and last object. */
export function taxiiDateAddedHeaders(first: string, last: string): Record<string, string> {
  return {
    "X-TAXII-Date-Added-First": taxiiTimestamp(first),
    "X-TAXII-Date-Added-Last": taxiiTimestamp(last),
  };
}

export type TTaxiiPage = {
  items: TTaxiiItem[];
  more: boolean;
  next?: string;
  /** Headers for the response (none for an empty page). */
  headers: Record<string, string>;
};

/**
 * Reads one page: up to `limit` items (capped at TAXII_MAX_PAGE) and one more to learn whether
 * there are more, then stops reading. TAXII puts the first and last date added in headers, which
 * go out before the body, so a page is held (bounded by the limit, never by the collection).
 */
export async function collectTaxiiPage(
  items: AsyncIterable<TTaxiiItem> | Iterable<TTaxiiItem>,
  options: { limit: number },
): Promise<TTaxiiPage> {
  const limit = Math.max(1, Math.min(TAXII_MAX_PAGE, Math.floor(options.limit)));
  const page: TTaxiiItem[] = [];
  let more = false;
  for await (const item of items) {
    if (page.length === limit) {
      more = true;
      break;
    }
    page.push(item);
  }
  const first = page[0];
  const last = page.at(-1);
  return {
    items: page,
    more,
    ...(more && last && { next: encodeTaxiiCursor(last) }),
    headers: first && last ? taxiiDateAddedHeaders(first.dateAdded, last.dateAdded) : {},
  };
}

/**
 * The envelope `{"objects":[...],"more":...,"next":...}` streamed in ~64 KiB chunks. Given an
 * iterable instead of a collected page it streams without holding the page (up to `limit`
 * objects, then peeks one more for `more`), for callers that take the header values from the db.
 */
export async function* renderTaxiiEnvelope(
  source: TTaxiiPage | AsyncIterable<TTaxiiItem> | Iterable<TTaxiiItem>,
  options: { limit?: number } = {},
): AsyncGenerator<string> {
  const items = "items" in source ? source.items : source;
  const limit =
    "items" in source
      ? Infinity
      : Math.max(1, Math.min(TAXII_MAX_PAGE, Math.floor(options.limit ?? TAXII_MAX_PAGE)));
  const buf = new ChunkBuffer();
  buf.push(`{"objects":[`);
  let count = 0;
  let last: TTaxiiItem | undefined;
  let more = "items" in source ? source.more : false;
  for await (const item of items) {
    if (count === limit) {
      more = true;
      break;
    }
    const chunk = buf.push((count === 0 ? "" : ",") + JSON.stringify(item.object));
    count++;
    last = item;
    if (chunk) yield chunk;
  }
  const next = "items" in source ? source.next : more && last ? encodeTaxiiCursor(last) : undefined;
  buf.push(`],"more":${more}${next ? `,"next":${JSON.stringify(next)}` : ""}}`);
  yield buf.take();
}

/** A decision as a collection item: its indicator, when the caller's db says it was added, its sort key. */
export function taxiiIndicatorItem(d: TFeedDecision, dateAdded: Date | string, tenantId: string): TTaxiiItem {
  return {
    object: stixIndicator(d, tenantId),
    dateAdded: taxiiTimestamp(dateAdded),
    sortKey: decisionSortKey(d.value),
  };
}

/** A manifest record: what GET .../manifest/ lists for an item instead of the object itself. */
export function taxiiManifestRecord(item: TTaxiiItem) {
  const version = item.object["modified"] ?? item.object["created"];
  return {
    id: item.object.id,
    date_added: item.dateAdded,
    version: typeof version === "string" ? version : item.dateAdded,
    media_type: STIX_MEDIA_TYPE,
  };
}
