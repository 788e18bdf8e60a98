import type { TAsnTable } from "../asn/asn-table.ts";
import { createCidrSet } from "../labels/cidr-set.ts";
import { formatIpv4 } from "../net/format-ip.ts";
import { dayNumber, dayString } from "../day/day-number.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import {
  attackTraffic,
  benignTraffic,
  mergeInto,
  monitorTraffic,
  noiseTraffic,
  scannerTraffic,
  toRollup,
} from "./behaviour-rollups.ts";
import type { TReferenceLists } from "./reference-lists.ts";
import { hostIn24, RoutedSpace } from "./routed-space.ts";
import { simulateFeed } from "./simulate-feed.ts";
import { WorldNetworks, type TBadAs } from "./world-networks.ts";
import { ATTACK_KINDS, HELD_OUT_PROVIDERS, type TAttackKind, type TWorldProfile } from "./world-profile.ts";
import { WorldRandom } from "./world-random.ts";
import type { TAttacker, TTruth, TWorld } from "./world-types.ts";

type TCampaign = {
  id: number;
  as: TBadAs;
  homes: number[];
  kind: TAttackKind;
  end: number;
  members: number[];
};
type TMember = {
  ip: number;
  kind: TAttackKind;
  campaign: number;
  asIndex: number;
  firstDay: number;
  left: boolean;
};

const TRUTH_ORDER: Record<TTruth, number> = { benign: 0, scanner: 1, malicious: 2 };

/**
 * A seeded multi-week world: campaigns of attackers living in IPsum's bad ASes and /24s, joining
 * and leaving every day (new attackers daily, most near earlier ones, some anywhere), lone and
 * persistent attackers, research scanners, the tenant's benign traffic, benign monitors that trip
 * rules and noise. Deterministic per (profile, seed, reference lists, AS table).
 */
export function generateWorld(opts: {
  profile: TWorldProfile;
  seed: number;
  asn: TAsnTable;
  lists: TReferenceLists;
}): TWorld {
  const { profile, seed, lists } = opts;
  const rand = new WorldRandom(seed);
  const nets = new WorldNetworks(profile, new RoutedSpace(opts.asn), lists, rand);
  const start = dayNumber(profile.startDay);
  const days = Array.from({ length: profile.days }, (_, i) => dayString(start + i));
  const kindWeights = ATTACK_KINDS.map((k) => profile.kinds[k]);
  const drawKind = (): TAttackKind => ATTACK_KINDS[rand.weighted(kindWeights)] ?? "ssh";
  const members: TMember[] = [];
  const campaigns: TCampaign[] = [];

  const place = (as: TBadAs | undefined, homes: number[]): number => {
    const p = profile.placement;
    const where = rand.weighted([p.same24, p.sameAs, p.fresh]);
    const listed = rand.chance(profile.feedAddressShare);
    if (where === 0 && homes.length > 0) {
      const home = rand.pick(homes) ?? 0;
      const inHome = listed ? as?.listed.filter((ip) => (ip & 0xffffff00) >>> 0 === home) : undefined;
      return (inHome && rand.pick(inHome)) ?? hostIn24(home, rand.int(1, 254));
    }
    if (where <= 1 && as) {
      if (listed) return rand.pick(as.listed) ?? 0;
      const ip = nets.routed.addressInAs(as.asIndex, rand);
      if (ip !== null) return ip;
    }
    return listed ? nets.anyListed(rand) : nets.routed.anyAddress(rand);
  };
  const recruit = (campaign: TCampaign | null, day: number, kind: TAttackKind): TMember => {
    const as = campaign?.as ?? nets.pickBadAs(rand);
    const ip = place(as, campaign?.homes ?? []);
    const m = {
      ip,
      kind,
      campaign: campaign?.id ?? -1,
      asIndex: as?.asIndex ?? -1,
      firstDay: day,
      left: false,
    };
    members.push(m);
    return m;
  };
  // Most members do the campaign's thing; some of a botnet's hosts do something else on the side.
  const join = (c: TCampaign, day: number): void => {
    c.members.push(members.length);
    recruit(c, day, rand.chance(0.15) ? drawKind() : c.kind);
  };
  const newCampaign = (day: number, elapsed: number): void => {
    const as = nets.pickBadAs(rand);
    if (!as) return;
    const homes = Array.from({ length: rand.int(1, 3) }, () => rand.pick(as.homes) ?? 0);
    const length = rand.int(...profile.campaignDays);
    const c: TCampaign = {
      id: campaigns.length,
      as,
      homes,
      kind: drawKind(),
      end: day + length - elapsed,
      members: [],
    };
    campaigns.push(c);
    for (let i = rand.int(...profile.campaignSize); i > 0; i--) join(c, day);
  };

  const persistent = Array.from({ length: profile.persistent }, () => recruit(null, 0, drawKind()));
  const scanners = Array.from({ length: profile.researchScanners }, () => {
    const cidr = rand.pick(lists.scanners) ?? "198.51.100.0/24";
    const [base = "", bits = "32"] = cidr.split("/");
    const b = base.split(".").reduce((a, o) => a * 256 + Number(o), 0);
    return (b + Math.floor(rand.float() * 2 ** (32 - Number(bits)))) >>> 0;
  });
  const benignPool = Array.from({ length: profile.benignPool }, () => nets.visibleBenign(rand));
  const monitorHome = nets.visibleBenign(rand);
  const monitors = Array.from({ length: profile.monitors }, (_, i) => hostIn24(monitorHome, 10 + i));
  for (let i = 0; i < profile.initialCampaigns; i++) newCampaign(0, rand.int(0, profile.campaignDays[1] - 1));

  const rollups: TIpDayRollup[] = [];
  const truth = new Map<string, Map<string, TTruth>>();
  const everActive = new Set<string>();
  days.forEach((day, d) => {
    const today = new Map<string, { rollup: TIpDayRollup; truth: TTruth }>();
    const emit = (ip: number, traffic: ReturnType<typeof benignTraffic>, t: TTruth): void => {
      const r = toRollup(day, ip, traffic);
      const prev = today.get(r.ip);
      if (!prev) return void today.set(r.ip, { rollup: r, truth: t });
      mergeInto(prev.rollup, r);
      if (TRUTH_ORDER[t] > TRUTH_ORDER[prev.truth]) prev.truth = t;
    };
    if (d > 0) for (let i = rand.poisson(profile.campaignsPerDay); i > 0; i--) newCampaign(d, 0);
    for (const c of campaigns) {
      if (c.end <= d || c.members.length === 0) continue;
      for (let i = rand.poisson(profile.recruitsPerDay); i > 0; i--) join(c, d);
      for (const idx of c.members) {
        const m = members[idx];
        if (!m || m.left || m.firstDay > d) continue;
        if (m.firstDay < d && rand.chance(profile.churn)) m.left = true;
        else if (m.firstDay === d || rand.chance(profile.activeShare))
          emit(m.ip, attackTraffic(m.kind, profile.sensor, rand), "malicious");
      }
    }
    for (const m of persistent)
      if (rand.chance(profile.persistentActiveShare))
        emit(m.ip, attackTraffic(m.kind, profile.sensor, rand), "malicious");
    for (let i = rand.poisson(profile.lonePerDay); i > 0; i--) {
      const m = recruit(null, d, drawKind());
      m.asIndex = -1;
      m.ip = rand.chance(profile.feedAddressShare) ? nets.anyListed(rand) : nets.routed.anyAddress(rand);
      for (let k = rand.int(1, 3); k > 0; k--)
        emit(m.ip, attackTraffic(m.kind, profile.sensor, rand), "malicious");
    }
    for (const ip of scanners) if (rand.chance(0.8)) emit(ip, scannerTraffic(rand), "scanner");
    for (let i = rand.poisson(profile.benignPerDay); i > 0; i--) {
      const ip = rand.chance(profile.benignReturningShare)
        ? (rand.pick(benignPool) ?? 0)
        : nets.visibleBenign(rand);
      emit(ip, benignTraffic(rand), "benign");
      if (rand.chance(profile.benignBlockedShare)) emit(ip, noiseTraffic(rand), "benign");
    }
    for (const ip of monitors) emit(ip, monitorTraffic(rand), "benign");
    for (let i = rand.poisson(profile.noisePerDay); i > 0; i--)
      emit(nets.routed.anyAddress(rand), noiseTraffic(rand), "benign");
    const truthToday = new Map<string, TTruth>();
    for (const [ip, v] of today) {
      rollups.push(v.rollup);
      truthToday.set(ip, v.truth);
      everActive.add(ip);
    }
    truth.set(day, truthToday);
  });

  const attackers: TAttacker[] = members.map((m) => ({ ...m, ip: formatIpv4(m.ip) }));
  const heldOutSeed = (seed * 7919 + 17) >>> 0;
  const benignCidrs =
    profile.benignNetworks === "providers"
      ? [...lists.benign].filter(([p]) => !HELD_OUT_PROVIDERS.includes(p)).flatMap(([, c]) => c)
      : undefined;
  // Training's provider class draws from these ranges: the held-out sample never does.
  const trainingRanges = benignCidrs ? createCidrSet(benignCidrs) : nets.referenceBenign;
  return {
    profile,
    seed,
    days,
    rollups,
    truth,
    feed: simulateFeed({
      profile,
      lists,
      attackers,
      campaigns,
      scanners: scanners.map(formatIpv4),
      days: profile.days,
      rand,
    }),
    attackers,
    heldOutBenign(day, n = profile.heldOutBenignPerDay) {
      const r = new WorldRandom(heldOutSeed + dayNumber(day));
      const out = new Set<string>();
      for (let tries = 0; out.size < n && tries < n * 20; tries++) {
        const ip = formatIpv4(nets.heldOutBenign(r, r.chance(profile.heldOutInBadAsShare)));
        // Never a source of the world, and never in ranges training's provider class uses.
        if (everActive.has(ip) || trainingRanges.has(ip)) continue;
        out.add(ip);
      }
      return [...out];
    },
    ...(benignCidrs ? { benignCidrs } : {}),
  };
}
