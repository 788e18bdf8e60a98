import { z } from "zod";
import { type TAsnTable } from "../asn/asn-table.ts";
import { aggregateRanks } from "./aggregate-ranks.ts";
import { ZClusterRule } from "./clusters.ts";
import { dayNumber, dayString } from "../day/day-number.ts";
import { ZDecay } from "./decay.ts";
import { IpRegistry } from "./ip-registry.ts";
import { ParsedRows } from "./parsed-rows.ts";
import { type TAsSize, type TDayColumn, type TRankSnapshot } from "./snapshot.ts";

/**
 * Stored form of a snapshot (JSON; the worker keeps one per tenant in S3). Only the inputs are
 * stored: addresses, their AS, the day columns as base64 little-endian typed arrays, and the AS
 * sizes used. Aggregates are recomputed on load, which is cheap and keeps the format small.
 */
export const ZSerializedSnapshot = z.object({
  format: z.literal("mlsec-rank-snapshot"),
  version: z.literal(1),
  asOf: z.string(),
  decay: ZDecay,
  clusters: z.array(ZClusterRule),
  prefixesV4: z.array(z.number().int()),
  prefixesV6: z.array(z.number().int()),
  ips: z.array(z.string()),
  /** base64 Uint32Array, one AS number per address (0 = none). */
  ipAsn: z.string(),
  days: z.array(z.object({ day: z.string(), ids: z.string(), masks: z.string(), events: z.string() })),
  asSizes: z.array(z.tuple([z.number(), z.number(), z.number(), z.string()])),
});
export type TSerializedSnapshot = z.infer<typeof ZSerializedSnapshot>;

export function serializeSnapshot(snapshot: TRankSnapshot): TSerializedSnapshot {
  const { registry } = snapshot;
  const ips: string[] = [];
  for (let id = 0; id < registry.size; id++) ips.push(registry.textOf(id));
  return {
    format: "mlsec-rank-snapshot",
    version: 1,
    asOf: snapshot.asOf,
    decay: snapshot.decay,
    clusters: snapshot.clusters,
    prefixesV4: snapshot.prefixesV4,
    prefixesV6: snapshot.prefixesV6,
    ips,
    ipAsn: toBase64(registry.asn.subarray(0, registry.size)),
    days: snapshot.days.map((d) => ({
      day: dayString(d.day),
      ids: toBase64(d.ids),
      masks: toBase64(d.masks),
      events: toBase64(d.events),
    })),
    asSizes: [...snapshot.asSizes].map(([asn, s]) => [asn, s.v4, s.v6Slash64, s.org]),
  };
}

/** Rebuilds a snapshot; pass the AS table to rank the AS of addresses the snapshot never saw. */
export function deserializeSnapshot(data: unknown, opts: { asn?: TAsnTable | null } = {}): TRankSnapshot {
  const s = ZSerializedSnapshot.parse(data);
  return snapshotFromParts(
    {
      ...s,
      ipAsn: fromBase64(s.ipAsn, Uint32Array),
      days: s.days.map((d) => ({
        day: d.day,
        ids: fromBase64(d.ids, Int32Array),
        masks: fromBase64(d.masks, Uint16Array),
        events: fromBase64(d.events, Uint32Array),
      })),
    },
    opts,
  );
}

/** What a stored snapshot holds, whatever its encoding (JSON here, binary in snapshot-binary.ts). */
export type TSnapshotParts = Pick<
  TSerializedSnapshot,
  "asOf" | "decay" | "clusters" | "prefixesV4" | "prefixesV6"
> & {
  ips: readonly string[];
  ipAsn: Uint32Array;
  days: { day: string; ids: Int32Array; masks: Uint16Array; events: Uint32Array }[];
  asSizes: TSerializedSnapshot["asSizes"];
};

/** Checks stored parts and rebuilds the snapshot (registry in stored order, aggregates recomputed). */
export function snapshotFromParts(s: TSnapshotParts, opts: { asn?: TAsnTable | null } = {}): TRankSnapshot {
  const registry = new IpRegistry();
  // Interning in stored order gives every address its original id.
  const rows = new ParsedRows(Math.max(1, s.ips.length));
  for (const ip of s.ips) rows.push(ip);
  const ids = registry.internRows(rows, null);
  const bad = ids.indexOf(-1);
  if (bad >= 0) throw new RangeError(`snapshot holds an invalid address: ${s.ips[bad]}`);
  if (registry.size !== s.ips.length) throw new RangeError("snapshot holds duplicate addresses");
  if (s.ipAsn.length < registry.size) throw new RangeError("snapshot's AS column is short");
  registry.asn.set(s.ipAsn.subarray(0, registry.size));
  const days: TDayColumn[] = s.days.map((d) => {
    const { ids, masks, events } = d;
    if (masks.length !== ids.length || events.length !== ids.length)
      throw new RangeError(`snapshot day ${d.day} is corrupt`);
    for (const id of ids)
      if (id < 0 || id >= registry.size) throw new RangeError(`snapshot day ${d.day} refers to unknown ids`);
    return { day: dayNumber(d.day), ids, masks, events };
  });
  const asSizes = new Map<number, TAsSize>(
    s.asSizes.map(([asn, v4, v6Slash64, org]) => [asn, { v4, v6Slash64, org }]),
  );
  const asOfDay = dayNumber(s.asOf);
  const agg = aggregateRanks({
    asOfDay,
    decay: s.decay,
    clusterCount: s.clusters.length,
    prefixesV4: s.prefixesV4,
    prefixesV6: s.prefixesV6,
    registry,
    days,
    asSizes,
  });
  return {
    asOf: s.asOf,
    asOfDay,
    decay: s.decay,
    clusters: s.clusters,
    prefixesV4: s.prefixesV4,
    prefixesV6: s.prefixesV6,
    registry,
    days,
    asSizes,
    agg,
    asnTable: opts.asn ?? null,
  };
}

type TTypedCtor<T> = {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  BYTES_PER_ELEMENT: number;
};

function toBase64(a: Int32Array | Uint16Array | Uint32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}

function fromBase64<T>(text: string, Ctor: TTypedCtor<T>): T {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % Ctor.BYTES_PER_ELEMENT !== 0) throw new RangeError("snapshot array has a bad length");
  // Copy into a fresh, aligned buffer: Buffer's pool offset may not be a multiple of the element size.
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return new Ctor(copy, 0, bytes.length / Ctor.BYTES_PER_ELEMENT);
}
