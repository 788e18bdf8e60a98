import type { TAsnTable } from "../asn/asn-table.ts";
import { DEFAULT_DECAY } from "../rank/decay.ts";
import { dayForwardBacktest, type TDayForwardOptions, type TDayForwardResult } from "./day-forward.ts";
import { generateWorld } from "./generate-world.ts";
import { feedContributions, listedEntries } from "./listed-feed.ts";
import type { TReferenceLists } from "./reference-lists.ts";
import type { TWorldProfile } from "./world-profile.ts";
import type { TWorld } from "./world-types.ts";

/** Pool rows reach back this far before the first label day: older feed days weigh under 3%. */
const FEED_LOOKBACK_DAYS = 30;

/** The backtest's inputs for a generated world: its truth, held-out benign sample and feed. */
export function worldBacktestOptions(
  world: TWorld,
  opts: { from: string; to: string; asn: TAsnTable | null } & Partial<TDayForwardOptions>,
): TDayForwardOptions {
  const feed = listedEntries(world.feed, world.days);
  const poolFrom = new Date(`${opts.from}T00:00:00Z`);
  poolFrom.setUTCDate(poolFrom.getUTCDate() - (opts.labelDays ?? 7) - FEED_LOOKBACK_DAYS);
  return {
    rollups: world.rollups,
    truth: (day, ip) => world.truth.get(day)?.get(ip),
    benignTest: (day) => world.heldOutBenign(day),
    feed,
    // IPsum's single-list entries are most of it and the shipped import skips them (3+): so here.
    community: feedContributions(feed, {
      from: poolFrom.toISOString().slice(0, 10),
      to: opts.to,
      minCount: world.profile.feed.kind === "ipsum" ? 3 : 1,
    }),
    decay: DEFAULT_DECAY,
    ...(world.benignCidrs ? { benignCidrs: world.benignCidrs } : {}),
    ...opts,
  };
}

/** Generates a world and backtests its last `testDays` days. */
export async function backtestWorld(opts: {
  profile: TWorldProfile;
  seed: number;
  asn: TAsnTable;
  lists: TReferenceLists;
  testDays: number;
  overrides?: Partial<TDayForwardOptions>;
}): Promise<{ world: TWorld; result: TDayForwardResult }> {
  const world = generateWorld(opts);
  const from = world.days[world.days.length - opts.testDays] ?? world.days[0] ?? opts.profile.startDay;
  const to = world.days.at(-1) ?? from;
  const result = await dayForwardBacktest(
    worldBacktestOptions(world, { from, to, asn: opts.asn, ...opts.overrides }),
  );
  return { world, result };
}
