import { lookupAsIndexV4 } from "../asn/lookup-asn.ts";
import { createCidrSet, type TCidrSet } from "../labels/cidr-set.ts";
import { parseCidr } from "../ip-lists/ip-text.ts";
import type { TReferenceLists } from "./reference-lists.ts";
import { ipv4Value, type RoutedSpace } from "./routed-space.ts";
import { HELD_OUT_PROVIDERS, type TWorldProfile } from "./world-profile.ts";
import { WeightedTable, type WorldRandom } from "./world-random.ts";

/** A bad AS: the /24s IPsum names in it (at least two entries each) and IPsum's addresses there. */
export type TBadAs = { asIndex: number; homes: number[]; listed: number[] };

/**
 * Where sources live, taken from the real internet: bad ASes and /24s from IPsum (weighted by how
 * many lists name their addresses), benign networks from routed ASes that IPsum does not crowd, or
 * from the reference provider lists, split into networks the tenant sees and networks held out for
 * the test's benign sample.
 */
export class WorldNetworks {
  readonly routed: RoutedSpace;
  readonly badAses: TBadAs[];
  private readonly badAsTable: WeightedTable;
  readonly bad24: Set<number>;
  private readonly badAsSet: Set<number>;
  private readonly ipsumIps: number[];
  private readonly visibleAses: number[] = [];
  private readonly heldOutAses: number[] = [];
  private readonly visibleRanges: { start: number; end: number }[] = [];
  private readonly heldOutRanges: { start: number; end: number }[] = [];
  /** Every reference benign range: held-out samples stay out of the ranges training may draw. */
  readonly referenceBenign: TCidrSet;

  constructor(
    readonly profile: TWorldProfile,
    routed: RoutedSpace,
    lists: TReferenceLists,
    rand: WorldRandom,
  ) {
    this.routed = routed;
    const by24 = new Map<number, number[]>();
    const weight24 = new Map<number, number>();
    this.ipsumIps = [];
    for (const e of lists.ipsum) {
      const ip = ipv4Value(e.ip);
      if (ip === null) continue;
      this.ipsumIps.push(ip);
      const key = (ip & 0xffffff00) >>> 0;
      const list = by24.get(key);
      if (list) list.push(ip);
      else by24.set(key, [ip]);
      weight24.set(key, (weight24.get(key) ?? 0) + e.count);
    }
    const ases = new Map<number, TBadAs & { weight: number }>();
    for (const [key, ips] of by24) {
      if (ips.length < 2) continue;
      const asIndex = lookupAsIndexV4(routed.asn, key);
      if (asIndex < 0) continue;
      const as = ases.get(asIndex) ?? { asIndex, homes: [], listed: [], weight: 0 };
      as.homes.push(key);
      as.listed.push(...ips);
      as.weight += weight24.get(key) ?? 0;
      ases.set(asIndex, as);
    }
    const sorted = [...ases.values()].sort((a, b) => a.asIndex - b.asIndex);
    this.badAses = sorted.map(({ weight: _w, ...as }) => as);
    this.badAsTable = new WeightedTable(sorted.map((a) => a.weight));
    this.bad24 = new Set(sorted.flatMap((a) => a.homes));
    this.badAsSet = new Set(sorted.map((a) => a.asIndex));
    this.referenceBenign = createCidrSet([...lists.benign.values()].flat());
    if (profile.benignNetworks === "routed") {
      // Benign ASes drawn as the internet's addresses are (big networks more often), half seen, half held out.
      for (let i = 0; i < 400; i++) {
        const as = routed.anyAsIndex(rand);
        if (this.badAsSet.has(as)) continue;
        (i % 2 === 0 ? this.visibleAses : this.heldOutAses).push(as);
      }
    } else {
      for (const [provider, cidrs] of lists.benign) {
        const target = HELD_OUT_PROVIDERS.includes(provider) ? this.heldOutRanges : this.visibleRanges;
        for (const c of cidrs) {
          const r = parseCidr(c);
          if (r && r.family === 4) target.push({ start: r.start, end: r.end });
        }
      }
    }
  }

  pickBadAs(rand: WorldRandom): TBadAs | undefined {
    return this.badAses[this.badAsTable.draw(rand)];
  }

  /** A random IPsum address (the reference world's attackers are real listed addresses). */
  anyListed(rand: WorldRandom): number {
    return this.ipsumIps[Math.floor(rand.float() * this.ipsumIps.length)] ?? 0;
  }

  /** A host in the tenant's benign networks (a share of customers sit in bad ASes: cloud tenants). */
  visibleBenign(rand: WorldRandom): number {
    if (this.visibleRanges.length > 0) return this.inRanges(this.visibleRanges, rand);
    if (rand.chance(0.1)) {
      const bad = this.pickBadAs(rand);
      const ip = bad ? this.routed.addressInAs(bad.asIndex, rand) : null;
      if (ip !== null && !this.bad24.has((ip & 0xffffff00) >>> 0)) return ip;
    }
    return this.inAses(this.visibleAses, rand);
  }

  /** A host in networks the logs never show; `hard` ones sit in bad ASes outside the bad /24s. */
  heldOutBenign(rand: WorldRandom, hard: boolean): number {
    if (hard) {
      const bad = this.pickBadAs(rand);
      const ip = bad ? this.routed.addressInAs(bad.asIndex, rand) : null;
      if (ip !== null && !this.bad24.has((ip & 0xffffff00) >>> 0)) return ip;
    }
    if (this.heldOutRanges.length > 0) return this.inRanges(this.heldOutRanges, rand);
    return this.inAses(this.heldOutAses, rand);
  }

  private inAses(ases: number[], rand: WorldRandom): number {
    for (let tries = 0; tries < 50; tries++) {
      const ip = this.routed.addressInAs(rand.pick(ases) ?? 0, rand);
      if (ip !== null) return ip;
    }
    return this.routed.anyAddress(rand);
  }

  private inRanges(ranges: { start: number; end: number }[], rand: WorldRandom): number {
    const r = rand.pick(ranges) ?? { start: 0x08080800, end: 0x080808ff };
    return (r.start + Math.floor(rand.float() * (r.end - r.start + 1))) >>> 0;
  }
}
