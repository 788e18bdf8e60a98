import { formatIpv4 } from "../net/format-ip.ts";
import type { TReferenceLists } from "./reference-lists.ts";
import { hostIn24 } from "./routed-space.ts";
import type { TWorldProfile } from "./world-profile.ts";
import type { WorldRandom } from "./world-random.ts";
import type { TAttacker, TFeedEntry } from "./world-types.ts";

/**
 * The public feed of a world: IPsum itself (reference world), or a simulated one that lists a share
 * of attackers some days after they start (feeds lag), long-running ones more often and by more
 * lists, plus addresses in the campaigns' /24s that attack others but never this tenant, and some
 * research scanners (real feeds list them too). A lag can be negative: an attacker that hit other
 * networks first is listed before it reaches this one.
 */
export function simulateFeed(opts: {
  profile: TWorldProfile;
  lists: TReferenceLists;
  attackers: readonly TAttacker[];
  campaigns: readonly { homes: number[] }[];
  scanners: readonly string[];
  days: number;
  rand: WorldRandom;
}): TFeedEntry[] {
  const { profile, rand } = opts;
  if (profile.feed.kind === "ipsum") return opts.lists.ipsum.map((e) => ({ ...e, listedDay: -1 }));
  const { listShare, lagDays } = profile.feed;
  const out = new Map<string, TFeedEntry>();
  const list = (ip: string, count: number, listedDay: number) => {
    const prev = out.get(ip);
    if (!prev || prev.listedDay > listedDay)
      out.set(ip, { ip, count: Math.max(count, prev?.count ?? 0), listedDay });
  };
  for (const a of opts.attackers) {
    const longRunning = a.campaign < 0 && a.asIndex >= 0 && a.firstDay === 0;
    if (!rand.chance(Math.min(1, listShare * (longRunning ? 1.6 : 1)))) continue;
    const day = a.firstDay === 0 && rand.chance(0.5) ? -1 : a.firstDay + rand.int(...lagDays);
    if (day < opts.days) list(a.ip, 1 + rand.poisson(longRunning ? 3 : 1), Math.max(-1, day));
  }
  opts.campaigns.forEach((c) => {
    for (let i = rand.poisson(3); i > 0; i--)
      list(
        formatIpv4(hostIn24(rand.pick(c.homes) ?? 0, rand.int(1, 254))),
        1 + rand.poisson(1),
        rand.int(-1, opts.days - 1),
      );
  });
  for (const ip of opts.scanners) if (rand.chance(0.4)) list(ip, rand.int(1, 2), -1);
  return [...out.values()].sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}
