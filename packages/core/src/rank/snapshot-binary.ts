import { z } from "zod";
import { type TAsnTable } from "../asn/asn-table.ts";
import { ZClusterRule } from "./clusters.ts";
import { dayString } from "../day/day-number.ts";
import { ZDecay } from "./decay.ts";
import { snapshotFromParts, type TSnapshotParts } from "./serialize-snapshot.ts";
import { type TRankSnapshot } from "./snapshot.ts";

/**
 * Binary form of a snapshot, for storage: the JSON form base64-encodes the day columns into one
 * string, and at tens of millions of rollups that string passes V8's maximum string length (about
 * 512 MB). Here only a small header is JSON; addresses and columns are raw bytes.
 *
 * Layout: "MLSR", u32 header length, header JSON (UTF-8), then 4-byte aligned sections: the
 * addresses as latin1 text, one per line; the AS number per address (u32); per day its ids (i32),
 * masks (u16) and events (u32). Numbers are little-endian, as on every platform Node runs on here.
 * `extra` carries the caller's metadata in the same object, so the two can never disagree.
 */
const MAGIC = "MLSR";

const ZHeader = z.object({
  version: z.literal(1),
  asOf: z.string(),
  decay: ZDecay,
  clusters: z.array(ZClusterRule),
  prefixesV4: z.array(z.number().int()),
  prefixesV6: z.array(z.number().int()),
  asSizes: z.array(z.tuple([z.number(), z.number(), z.number(), z.string()])),
  ipCount: z.number().int().min(0),
  ipBytes: z.number().int().min(0),
  days: z.array(z.object({ day: z.string(), rows: z.number().int().min(0) })),
  extra: z.unknown(),
});

const align4 = (n: number) => (n + 3) & ~3;

export function encodeSnapshot(snapshot: TRankSnapshot, extra: unknown = null): Buffer {
  const { registry } = snapshot;
  const ips: string[] = [];
  let ipBytes = 0;
  for (let id = 0; id < registry.size; id++) {
    const text = registry.textOf(id);
    ips.push(text);
    ipBytes += text.length + 1;
  }
  const header = Buffer.from(
    JSON.stringify({
      version: 1,
      asOf: snapshot.asOf,
      decay: snapshot.decay,
      clusters: snapshot.clusters,
      prefixesV4: snapshot.prefixesV4,
      prefixesV6: snapshot.prefixesV6,
      asSizes: [...snapshot.asSizes].map(([asn, s]) => [asn, s.v4, s.v6Slash64, s.org]),
      ipCount: ips.length,
      ipBytes,
      days: snapshot.days.map((d) => ({ day: dayString(d.day), rows: d.ids.length })),
      extra,
    }),
    "utf8",
  );
  let size = align4(8 + header.length) + align4(ipBytes) + 4 * ips.length;
  for (const d of snapshot.days) size += 4 * d.ids.length + align4(2 * d.ids.length) + 4 * d.ids.length;
  const out = Buffer.alloc(size);
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(header.length, 4);
  header.copy(out, 8);
  let at = align4(8 + header.length);
  for (const ip of ips) {
    at += out.write(ip, at, "latin1");
    out[at++] = 0x0a;
  }
  at = align4(at);
  const put = (a: Uint32Array | Int32Array | Uint16Array) => {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at = align4(at + a.byteLength);
  };
  put(registry.asn.subarray(0, ips.length));
  for (const d of snapshot.days) {
    put(d.ids);
    put(d.masks);
    put(d.events);
  }
  return out;
}

/** Reads what encodeSnapshot wrote; throws on anything else (a corrupt or foreign object). */
export function decodeSnapshot(
  bytes: Uint8Array,
  opts: { asn?: TAsnTable | null } = {},
): { snapshot: TRankSnapshot; extra: unknown } {
  // One aligned copy, so every column below is a view into it rather than a copy of its own.
  const buf = Buffer.from(new ArrayBuffer(bytes.byteLength));
  buf.set(bytes);
  if (buf.length < 8 || buf.toString("latin1", 0, 4) !== MAGIC)
    throw new RangeError("not a binary rank snapshot");
  const headerLength = buf.readUInt32LE(4);
  if (8 + headerLength > buf.length) throw new RangeError("binary rank snapshot is truncated");
  const header = ZHeader.parse(JSON.parse(buf.toString("utf8", 8, 8 + headerLength)));
  let at = align4(8 + headerLength);
  const ipsEnd = at + header.ipBytes;
  if (ipsEnd > buf.length) throw new RangeError("binary rank snapshot is truncated");
  const ips: string[] = [];
  for (let start = at, i = at; i < ipsEnd; i++)
    if (buf[i] === 0x0a) {
      ips.push(buf.toString("latin1", start, i));
      start = i + 1;
    }
  if (ips.length !== header.ipCount) throw new RangeError("binary rank snapshot's address list is corrupt");
  at = align4(ipsEnd);
  const take = <T>(
    Ctor: { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number },
    n: number,
  ) => {
    const end = at + n * Ctor.BYTES_PER_ELEMENT;
    if (end > buf.length) throw new RangeError("binary rank snapshot is truncated");
    const view = new Ctor(buf.buffer, buf.byteOffset + at, n);
    at = align4(end);
    return view;
  };
  const parts: TSnapshotParts = {
    ...header,
    ips,
    ipAsn: take(Uint32Array, header.ipCount),
    days: header.days.map((d) => ({
      day: d.day,
      ids: take(Int32Array, d.rows),
      masks: take(Uint16Array, d.rows),
      events: take(Uint32Array, d.rows),
    })),
  };
  return { snapshot: snapshotFromParts(parts, opts), extra: header.extra };
}
