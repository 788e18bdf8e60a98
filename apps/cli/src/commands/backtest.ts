import { loadAsnTable } from "@mlsec/core/asn/index";
import { ingestFiles } from "@mlsec/core/ingest/index";
import { backtestFromRollups } from "@mlsec/core/pipeline/backtest-from-rollups";
import { DEFAULT_HALF_LIFE_DAYS } from "@mlsec/core/rank/index";
import { parseArgs, UsageError } from "../args.ts";
import { halfLifeOption, numberOption, requiredDayOption } from "../option-values.ts";
import type { TCommand } from "../command.ts";
import { readIpList } from "../read-ip-list.ts";

const HELP = `Usage: mlsec backtest <log...> --day DATE [options]

Time-split backtest: train as of DATE on the label days before it, then score the addresses first
seen on DATE (features from before DATE only) and compare with their labels for that day. Prints
sensitivity, specificity, likelihood ratios and AUC, beside the no-learning baseline.

Options:
  --day DATE           the test day (YYYY-MM-DD; required)
  --malicious FILE...  feeds (ipsum format or IP/CIDR lists)
  --benign FILE...     known-benign addresses or CIDRs
  --label-days N       training label days before DATE (default 7)
  --half-life DAYS     decay half-life (default ${DEFAULT_HALF_LIFE_DAYS})
  --json               print one JSON object
  --help               this text
`;

export const command: TCommand = {
  name: "backtest",
  summary: "train as of a day, score that day's new arrivals",
  help: HELP,
  async run(argv) {
    const args = parseArgs(argv, {
      day: { type: "string" },
      malicious: { type: "list" },
      benign: { type: "list" },
      "label-days": { type: "string" },
      "half-life": { type: "string" },
      json: { type: "boolean" },
    });
    const day = requiredDayOption(args.strings, "day");
    if (args.positionals.length === 0) throw new UsageError("name at least one log file");
    const labelDays = numberOption(args.strings, "label-days", { fallback: 7, min: 1, integer: true });
    const halfLife = halfLifeOption(args.strings);
    const malicious = (args.lists.malicious ?? []).map(readIpList);
    const benign = (args.lists.benign ?? []).map(readIpList);
    const [ingest, asn] = await Promise.all([ingestFiles(args.positionals), loadAsnTable()]);
    const result = await backtestFromRollups({
      rollups: ingest.rollups,
      day,
      decay: { kind: "exponential", halfLifeDays: halfLife, horizonDays: 90 },
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
