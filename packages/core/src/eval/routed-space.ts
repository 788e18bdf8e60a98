import type { TAsnTable } from "../asn/asn-table.ts";
import { isBogonV4 } from "../net/bogon.ts";
import { WeightedTable, type WorldRandom } from "./world-random.ts";

/**
 * The announced IPv4 space of the real AS table, for placing synthetic sources where real networks
 * are: uniformly over routed addresses (a fresh source anywhere), or inside one AS (a campaign's
 * home network). Bogons are never returned.
 */
export class RoutedSpace {
  private readonly all: WeightedTable;
  private byAs: Map<number, number[]> | null = null;

  constructor(readonly asn: TAsnTable) {
    const sizes = new Float64Array(asn.v4Start.length);
    for (let i = 0; i < sizes.length; i++) sizes[i] = (asn.v4End[i] ?? 0) - (asn.v4Start[i] ?? 0) + 1;
    this.all = new WeightedTable(sizes);
  }

  /** A routed, non-bogon address drawn uniformly over the announced space. */
  anyAddress(rand: WorldRandom): number {
    for (;;) {
      const offset = rand.float() * this.all.total;
      const i = this.all.indexOf(offset);
      const ip = this.pointIn(i, rand);
      if (!isBogonV4(ip)) return ip;
    }
  }

  /** AS index of a range drawn as anyAddress draws (big ASes more often). */
  anyAsIndex(rand: WorldRandom): number {
    return this.asn.v4As[this.all.draw(rand)] ?? 0;
  }

  /** An address inside the AS (ranges weighted by size), or null when it announces no IPv4. */
  addressInAs(asIndex: number, rand: WorldRandom): number | null {
    const ranges = this.rangesOf(asIndex);
    if (ranges.length === 0) return null;
    const sizes = ranges.map((r) => (this.asn.v4End[r] ?? 0) - (this.asn.v4Start[r] ?? 0) + 1);
    const r = ranges[rand.weighted(sizes)] ?? 0;
    for (let tries = 0; tries < 20; tries++) {
      const ip = this.pointIn(r, rand);
      if (!isBogonV4(ip)) return ip;
    }
    return null;
  }

  private pointIn(range: number, rand: WorldRandom): number {
    const start = this.asn.v4Start[range] ?? 0;
    const end = this.asn.v4End[range] ?? start;
    return (start + Math.floor(rand.float() * (end - start + 1))) >>> 0;
  }

  // Built on first use: most worlds ask for a few dozen ASes out of ~80k.
  private rangesOf(asIndex: number): number[] {
    if (!this.byAs) {
      const map = new Map<number, number[]>();
      for (let i = 0; i < this.asn.v4As.length; i++) {
        const as = this.asn.v4As[i] ?? 0;
        const list = map.get(as);
        if (list) list.push(i);
        else map.set(as, [i]);
      }
      this.byAs = map;
    }
    return this.byAs.get(asIndex) ?? [];
  }
}

/** Host `host` (1..254) of the /24 that holds `ip`. */
export function hostIn24(ip: number, host: number): number {
  return ((ip & 0xffffff00) | (host & 255)) >>> 0;
}

export function ipv4Value(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let v = 0;
  for (const p of parts) {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 0 || n > 255 || p === "") return null;
    v = v * 256 + n;
  }
  return v;
}
