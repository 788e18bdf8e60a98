import { loadAsnTable } from "@mlsec/core/asn";
import { ingestFiles } from "@mlsec/core/ingest";
import { backtestFromRollups } from "@mlsec/core/pipeline";
import { HELD_OUT_PROVIDERS, WORLD_PROFILES } from "@mlsec/core/eval";
import { DEFAULT_HALF_LIFE_DAYS, type TDecay } from "@mlsec/core/rank";
import { parseArgs, UsageError } from "../args.ts";
import { halfLifeOption, numberOption, requiredDayOption } from "../option-values.ts";
import type { TCommand } from "../command.ts";
import { backtestGeneratedWorld, backtestLogRange, reportRange } from "./backtest-range.ts";
import { readIpList } from "../read-ip-list.ts";

const HELP = `Usage: mlsec backtest <log...> --day DATE [options]
       mlsec backtest <log...> --from DATE --to DATE [--html FILE] [options]
       mlsec backtest --world PROFILE [--seed N] [--test-days N] [--html FILE] [options]

Time-split backtest. With --day: train as of DATE on the label days before it, then score the
addresses first seen on DATE (features from before DATE only) and compare with their labels for
that day, beside the no-learning baseline.

With --from/--to (day-forward): for every day D in the range, train as the worker does as of D,
score D's sources (and separately those never seen before D) plus benign addresses from provider
lists training never draws from (${HELD_OUT_PROVIDERS.join(", ")}), and compare the model with the
decayed-presence heuristic, LWOL (own most active sources), GWOL (--malicious feeds by their count)
and the plain feed on the same rows: AUC, sensitivity at 90% specificity, hits among the top
100/1k/10k, operating points at the model's threshold and the triage thresholds (0.5 review,
0.9 block), LR+, Brier score and a reliability table. On logs, "malicious on D" means D's rollup
tripped a behaviour rule. With --world, the same on a generated world (ground truth known).

Options:
  --day DATE           the test day (YYYY-MM-DD)
  --from DATE          first test day of a day-forward range
  --to DATE            last test day (default: --from)
  --world PROFILE      generate a world instead of reading logs: ${Object.keys(WORLD_PROFILES).join(", ")}
  --seed N             the world's seed (default 1)
  --test-days N        with --world: backtest its last N days (default 7)
  --world-days N       with --world: the world's length in days (default: the profile's)
  --scale F            with --world: multiply its sources per day (default 1)
  --reference DIR      with --world: the reference lists (default ../shared/data/reference)
  --html FILE          with a range or --world: write a self-contained HTML page here
  --malicious FILE...  feeds (ipsum format or IP/CIDR lists)
  --benign FILE...     known-benign addresses or CIDRs
  --label-days N       training label days before DATE (default 7)
  --half-life DAYS     decay half-life (default ${DEFAULT_HALF_LIFE_DAYS})
  --json               print one JSON object
  --help               this text
`;

export const command: TCommand = {
  name: "backtest",
  summary: "train as of a day (or each day of a range, or on a generated world), score that day's sources",
  help: HELP,
  async run(argv) {
    const args = parseArgs(argv, {
      day: { type: "string" },
      malicious: { type: "list" },
      benign: { type: "list" },
      "label-days": { type: "string" },
      "half-life": { type: "string" },
      json: { type: "boolean" },
      from: { type: "string" },
      to: { type: "string" },
      world: { type: "string" },
      seed: { type: "string" },
      "test-days": { type: "string" },
      "world-days": { type: "string" },
      scale: { type: "string" },
      reference: { type: "string" },
      html: { type: "string" },
    });
    const labelDays = numberOption(args.strings, "label-days", { fallback: 7, min: 1, integer: true });
    const halfLife = halfLifeOption(args.strings);
    const decay: TDecay = { kind: "exponential", halfLifeDays: halfLife, horizonDays: 90 };
    if (args.strings.world !== undefined) {
      if (args.positionals.length > 0) throw new UsageError("--world generates its logs: name no files");
      const result = await backtestGeneratedWorld({ args, asn: await loadAsnTable(), decay, labelDays });
      return reportRange(
        args,
        result,
        `Day-forward backtest, world ${args.strings.world} seed ${args.strings.seed ?? 1}`,
      );
    }
    if (args.positionals.length === 0) throw new UsageError("name at least one log file");
    if (args.strings.from !== undefined) {
      if (args.strings.day !== undefined) throw new UsageError("use --day or --from/--to, not both");
      const result = await backtestLogRange({
        args,
        asn: await loadAsnTable(),
        decay,
        labelDays,
        files: args.positionals,
      });
      return reportRange(args, result, `Day-forward backtest of ${args.positionals.join(", ")}`);
    }
    const day = requiredDayOption(args.strings, "day");
    const malicious = (args.lists.malicious ?? []).map(readIpList);
    const benign = (args.lists.benign ?? []).map(readIpList);
    const [ingest, asn] = await Promise.all([ingestFiles(args.positionals), loadAsnTable()]);
    const result = await backtestFromRollups({
      rollups: ingest.rollups,
      day,
      decay,
      asn,
      labelDays,
      feeds: malicious.flatMap((l) => l.ips),
      feedCidrs: malicious.flatMap((l) => l.cidrs),
      allowlist: benign.flatMap((l) => [...l.ips, ...l.cidrs]),
    });
    if ("note" in result) {
      process.stderr.write(`mlsec backtest: ${result.note}\n`);
      return 1;
    }
    const out = {
      day,
      trainRows: result.trainRows,
      testRows: result.testRows,
      newArrivals: result.newArrivals,
      metrics: result.metrics,
      baseline: result.baseline ?? null,
      model: { c: result.model.c, gamma: result.model.gamma, cvAuc: result.model.metrics.auc },
    };
    if (args.booleans.json) {
      process.stdout.write(`${JSON.stringify(out)}\n`);
      return 0;
    }
    const m = result.metrics;
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    process.stdout.write(
      [
        `Backtest for ${day}: trained on ${result.trainRows} labelled rows, scored ${result.testRows} (${result.newArrivals} addresses new that day)`,
        `model:    sensitivity ${pct(m.sensitivity)}, specificity ${pct(m.specificity)}, LR+ ${m.lrPlus?.toFixed(2) ?? "inf"}, LR- ${m.lrMinus?.toFixed(3) ?? "n/a"}, AUC ${m.auc.toFixed(3)}`,
        result.baseline
          ? `baseline: AUC ${result.baseline.auc.toFixed(3)} (decayed IP + /24 + /16 presence, no learning)`
          : "",
      ]
        .filter(Boolean)
        .join("\n") + "\n",
    );
    return 0;
  },
};
