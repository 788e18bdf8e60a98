import { createHash } from "node:crypto";
import { uuidV5 } from "../export/deterministic-uuid.ts";
import { ChunkBuffer } from "./chunk-buffer.ts";
import { type TDecisionSource, liveDecisions } from "./feed-source.ts";

/**
 * A MISP feed (Sync Actions > Feeds, "MISP Feed" source format): `manifest.json` lists the events,
 * MISP fetches `<event uuid>.json` for each new or newer one, and `hashes.csv` (md5 of each
 * attribute value, event uuid) lets it correlate without fetching events. One event per as-of day:
 * ids are UUIDv5 of tenant and day (and value for attributes), so every pull names the same
 * events and MISP updates them instead of duplicating.
 */

/** What the caller counts per as-of day in the db: the manifest and each event header need it up front. */
export type TMispDaySummary = {
  /** YYYY-MM-DD. */
  day: string;
  count: number;
  /** Unix seconds of the day's latest change: MISP re-fetches an event when this grows. */
  timestamp: number;
};

export type TMispFeedOptions = {
  tenantId: string;
  /** Organisation shown as creator (Orgc). */
  orgName: string;
  /** Defaults to a UUIDv5 of the tenant. */
  orgUuid?: string;
  /** Event tags; TLP is the sharing tenant's call, amber (need to know) unless it says otherwise. */
  eventTags?: string[];
};

export function mispEventUuid(tenantId: string, day: string): string {
  return uuidV5(`misp-event|${tenantId}|${day}`);
}

export function mispAttributeUuid(tenantId: string, day: string, value: string): string {
  return uuidV5(`misp-attribute|${tenantId}|${day}|${value}`);
}

const orgOf = (o: TMispFeedOptions) => ({
  name: o.orgName,
  uuid: o.orgUuid ?? uuidV5(`misp-org|${o.tenantId}`),
});
const tagsOf = (o: TMispFeedOptions) =>
  (o.eventTags ?? ["tlp:amber"]).map((name) => ({ name, colour: "#ffc000" }));
const infoOf = (day: string) => `mlsec blocklist ${day}`;

/** The event's fixed part: MISP's own feeds write numbers as strings, so this does too. */
function eventHeader(summary: TMispDaySummary, o: TMispFeedOptions) {
  return {
    uuid: mispEventUuid(o.tenantId, summary.day),
    info: infoOf(summary.day),
    date: summary.day,
    timestamp: String(summary.timestamp),
    publish_timestamp: String(summary.timestamp),
    published: true,
    analysis: "2",
    threat_level_id: "2",
    attribute_count: String(summary.count),
    Orgc: orgOf(o),
    Tag: tagsOf(o),
  };
}

/**
 * `manifest.json`: event uuid -> {Orgc, Tag, info, date, analysis, threat_level_id, timestamp}, from
 * the per-day summaries (a few hundred days at most, but streamed like the rest).
 */
export async function* renderMispManifest(
  days: AsyncIterable<TMispDaySummary> | Iterable<TMispDaySummary>,
  options: TMispFeedOptions,
): AsyncGenerator<string> {
  let sep = "{";
  for await (const s of days) {
    const { uuid, Orgc, Tag, info, date, analysis, threat_level_id, timestamp } = eventHeader(s, options);
    yield `${sep}${JSON.stringify(uuid)}:${JSON.stringify({ Orgc, Tag, info, date, analysis, threat_level_id, timestamp })}`;
    sep = ",";
  }
  yield sep === "{" ? "{}" : "}";
}

/**
 * `<mispEventUuid(tenant, day)>.json` for one as-of day: `{"Event": {..., "Attribute": [...]}}`,
 * an `ip-src` attribute (category Network activity) per decision of that day, tagged with its
 * cluster and score; `to_ids` only for the block bucket, so review-bucket addresses reach MISP as
 * context without being pushed to IDS exports. With `now`, expired decisions are left out.
 */
export async function* renderMispEvent(
  source: TDecisionSource,
  summary: TMispDaySummary,
  options: TMispFeedOptions & { now?: Date },
): AsyncGenerator<string> {
  const header = JSON.stringify(eventHeader(summary, options));
  const buf = new ChunkBuffer();
  buf.push(`{"Event":${header.slice(0, -1)},"Attribute":[`);
  const timestamp = String(summary.timestamp);
  let sep = "";
  const decisions = options.now ? liveDecisions(source, options.now) : source;
  for await (const d of decisions) {
    const attribute = {
      uuid: mispAttributeUuid(options.tenantId, summary.day, d.value),
      type: "ip-src",
      category: "Network activity",
      to_ids: d.bucket === "block",
      value: d.value,
      timestamp,
      comment: `${d.bucket}, score ${d.score.toFixed(2)}, report ${d.reportId}, valid until ${d.validUntil}`,
      Tag: [
        { name: `mlsec:cluster="${d.cluster.replaceAll('"', "'")}"` },
        { name: `mlsec:score="${d.score.toFixed(2)}"` },
      ],
    };
    const chunk = buf.push(sep + JSON.stringify(attribute));
    sep = ",";
    if (chunk) yield chunk;
  }
  buf.push("]}}");
  yield buf.take();
}

/**
 * `hashes.csv`: `<md5 of the value>,<event uuid>` per attribute, as PyMISP's feed generator writes
 * it. It needs the values themselves, so it takes the decisions (each goes to its asOf day's event),
 * not the per-day summaries.
 */
export async function* renderMispHashes(
  source: TDecisionSource,
  options: { tenantId: string; now?: Date },
): AsyncGenerator<string> {
  const buf = new ChunkBuffer();
  const decisions = options.now ? liveDecisions(source, options.now) : source;
  let lastDay = "";
  let lastUuid = "";
  for await (const d of decisions) {
    if (d.asOf !== lastDay) {
      lastDay = d.asOf;
      lastUuid = mispEventUuid(options.tenantId, d.asOf);
    }
    const md5 = createHash("md5").update(d.value, "utf8").digest("hex");
    const chunk = buf.push(`${md5},${lastUuid}\n`);
    if (chunk) yield chunk;
  }
  const rest = buf.take();
  if (rest) yield rest;
}
