import { uuidV5 } from "../export/deterministic-uuid.ts";
import type { TStixObject } from "../export/export-stix.ts";
import { ChunkBuffer } from "./chunk-buffer.ts";
import type { TFeedDecision } from "./feed-decision.ts";
import { type TDecisionSource, liveDecisions } from "./feed-source.ts";

/** The tenant's identity id, the same as exportStix's, so feed and export indicators share a creator. */
export function stixIdentityId(tenantId: string): string {
  return `identity--${uuidV5(`identity|${tenantId}`)}`;
}

/**
 * The tenant's identity object. `created` must be fixed by the caller (e.g. the tenant's creation
 * day): a STIX object's id and created never change between versions.
 */
export function stixIdentity(tenantId: string, created: string): TStixObject {
  const at = new Date(created).toISOString();
  return {
    type: "identity",
    spec_version: "2.1",
    id: stixIdentityId(tenantId),
    created: at,
    modified: at,
    name: `mlsec (${tenantId})`,
    identity_class: "system",
  };
}

/**
 * One STIX 2.1 indicator per decision, following exportStix: id UUIDv5 of tenant and value (the
 * same id exportStix gives a single address, so a TIP that has both merges them), created,
 * modified and valid_from at the as-of day, valid_until the decision's validUntil, confidence the
 * score in percent. A CIDR goes into the same `[ipv4-addr:value = '...']` pattern: STIX lets
 * ipv4-addr/ipv6-addr values be CIDR blocks.
 */
export function stixIndicator(d: TFeedDecision, tenantId: string): TStixObject {
  const from = `${d.asOf.slice(0, 10)}T00:00:00.000Z`;
  const untilMs = Date.parse(d.validUntil);
  // STIX requires valid_until after valid_from; a listing that ends before its day starts is
  // only possible with bad data, and then it ends a millisecond after it starts.
  const until = new Date(
    Number.isFinite(untilMs) && untilMs > Date.parse(from) ? untilMs : Date.parse(from) + 1,
  );
  const type = d.family === 6 ? "ipv6-addr" : "ipv4-addr";
  return {
    type: "indicator",
    spec_version: "2.1",
    id: `indicator--${uuidV5(`indicator|${tenantId}|${d.value}`)}`,
    created_by_ref: stixIdentityId(tenantId),
    created: from,
    modified: from,
    name: `mlsec ${d.bucket}: ${d.value}`,
    description: `score ${d.score.toFixed(2)}, cluster ${d.cluster}, report ${d.reportId}`,
    indicator_types: ["malicious-activity"],
    pattern: `[${type}:value = '${d.value}']`,
    pattern_type: "stix",
    pattern_version: "2.1",
    valid_from: from,
    valid_until: until.toISOString(),
    confidence: Math.round(Math.min(1, Math.max(0, d.score)) * 100),
    labels: [d.bucket, d.cluster],
  };
}

/**
 * A STIX 2.1 bundle of the live decisions, streamed: `{"type":"bundle","id":...,"objects":[identity,
 * indicators...]}`. The bundle id is UUIDv5 of tenant and `now` (a bundle is a one-off envelope).
 */
export async function* renderStixBundle(
  source: TDecisionSource,
  options: { tenantId: string; now: Date; identityCreated: string },
): AsyncGenerator<string> {
  const id = `bundle--${uuidV5(`feed-bundle|${options.tenantId}|${options.now.toISOString()}`)}`;
  const buf = new ChunkBuffer();
  buf.push(
    `{"type":"bundle","id":"${id}","objects":[${JSON.stringify(stixIdentity(options.tenantId, options.identityCreated))}`,
  );
  for await (const d of liveDecisions(source, options.now)) {
    const chunk = buf.push(`,${JSON.stringify(stixIndicator(d, options.tenantId))}`);
    if (chunk) yield chunk;
  }
  buf.push("]}");
  yield buf.take();
}
