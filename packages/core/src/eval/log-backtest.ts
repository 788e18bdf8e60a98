import { createCidrSet } from "../labels/cidr-set.ts";
import { loadShippedBenign, loadShippedScanners } from "../labels/shipped-lists.ts";
import { compileClusters, DEFAULT_CLUSTERS, type TClusterRule } from "../rank/clusters.ts";
import type { TIpDayRollup } from "../rollup/ip-day-rollup.ts";
import { sampleBenign } from "../labels/sample-benign.ts";
import { dayNumber } from "../day/day-number.ts";
import type { TDayForwardOptions } from "./day-forward.ts";
import type { TFeedCount } from "./reference-lists.ts";
import { HELD_OUT_PROVIDERS } from "./world-profile.ts";
import type { TTruth } from "./world-types.ts";

/**
 * The backtest's inputs for real logs, where there is no ground truth: a source is malicious on D
 * when D's rollup trips a behaviour rule (not because a feed lists it: the feed is one of the lists
 * compared, and must not grade itself), benign when it sent only allowed
 * traffic, a research scanner is noise, and anything else is left out. The benign test sample comes
 * from provider lists training never draws from (HELD_OUT_PROVIDERS; training gets the others).
 */
export function logBacktestOptions(opts: {
  rollups: readonly TIpDayRollup[];
  feed: readonly TFeedCount[];
  feedCidrs?: string[];
  clusters?: TClusterRule[];
  benignPerDay?: number;
}): Pick<TDayForwardOptions, "truth" | "benignTest" | "feed" | "benignCidrs" | "feedLabels"> {
  const matcher = compileClusters(opts.clusters ?? DEFAULT_CLUSTERS);
  const feedIps = new Set(opts.feed.map((e) => e.ip));
  const scanners = createCidrSet(loadShippedScanners());
  const truth = new Map<string, TTruth>();
  for (const r of opts.rollups) {
    const key = `${r.day} ${r.ip}`;
    const allowedOnly =
      (r.actions.allow ?? 0) > 0 && !r.actions.block && !r.actions.alert && !r.actions["auth-failure"];
    const t: TTruth | undefined = scanners.has(r.ip)
      ? "scanner"
      : matcher(r) !== 0
        ? "malicious"
        : allowedOnly
          ? "benign"
          : undefined;
    // Rollups of one (day, IP) from several uploads: malicious in any of them wins.
    if (t && truth.get(key) !== "malicious") truth.set(key, t);
  }
  const providers = loadShippedBenign();
  const heldOut = [...providers].filter(([p]) => HELD_OUT_PROVIDERS.includes(p)).flatMap(([, c]) => c);
  const training = [...providers].filter(([p]) => !HELD_OUT_PROVIDERS.includes(p)).flatMap(([, c]) => c);
  const trainingSet = createCidrSet(training);
  return {
    truth: (day, ip) => truth.get(`${day} ${ip}`),
    // Drawn five times over: the held-out lists overlap training's (GitHub runs on Azure), and those go.
    benignTest: (day, exclude) =>
      sampleBenign({ seed: 7_000_003 + dayNumber(day), n: 5 * (opts.benignPerDay ?? 200), cidrs: heldOut })
        .filter((ip) => !exclude.has(ip) && !trainingSet.has(ip))
        .slice(0, opts.benignPerDay ?? 200),
    // A feed file is one snapshot: listed before every day.
    feed: opts.feed.map((e) => ({ ...e, since: "" })),
    feedLabels: { ips: [...feedIps], cidrs: opts.feedCidrs ?? [] },
    benignCidrs: training,
  };
}
