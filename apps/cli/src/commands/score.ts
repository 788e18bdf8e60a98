import { readFileSync } from "node:fs";
import { loadAsnTable } from "@mlsec/core/asn";
import { ingestFiles } from "@mlsec/core/ingest";
import { canonicalIp } from "@mlsec/core/ip-lists";
import { asOfAfter } from "@mlsec/core/day";
import { scoreIps } from "@mlsec/core/pipeline";
import { computeRanks, DEFAULT_HALF_LIFE_DAYS, featureNamesOf, type TDecay } from "@mlsec/core/rank";
import { DEFAULT_TRIAGE, type TTriageThresholds } from "@mlsec/core/score";
import { loadPredictor, parseTrainedModel } from "@mlsec/core/train";
import { parseArgs, UsageError } from "../args.ts";
import { dayOption, halfLifeOption, numberOption } from "../option-values.ts";
import type { TCommand } from "../command.ts";

export const TRIAGE_HELP = `  --block P            score at or above which an IP is "block" (default ${DEFAULT_TRIAGE.block})
  --review P           score at or above which an IP is "review", below --block (default ${DEFAULT_TRIAGE.review})`;

const HELP = `Usage: mlsec score <log...> --model FILE [options]

Scores IP addresses with a trained model (mlsec analyze --model-out, mlsec train): ranks the logs
as of a day and prints one JSON line per IP on stdout:
  {"ip":"…","score":0.97,"verdict":"malicious"|"benign","bucket":"block"|"review"|"allow","features":{…}}
The verdict uses the model's threshold; the bucket the --block/--review thresholds.

Options:
  --model FILE         the trained model (JSON)
  --as-of DATE         score as of this UTC day; only events before it count (default: the day after the last event)
  --ips FILE           score these addresses (one a line, # comments), also ones never seen in the logs;
                       default: every source IP seen before the as-of day
  --half-life DAYS     decay half-life, 1..60 (default ${DEFAULT_HALF_LIFE_DAYS})
${TRIAGE_HELP}
  --help               this text
`;

/** The --block/--review thresholds, checked: both in 0..1 and review not above block. */
export function parseTriage(strings: Record<string, string>): TTriageThresholds {
  const block = numberOption(strings, "block", { fallback: DEFAULT_TRIAGE.block, min: 0, max: 1 });
  const review = numberOption(strings, "review", { fallback: DEFAULT_TRIAGE.review, min: 0, max: 1 });
  if (review > block) throw new UsageError("--review must not be above --block");
  return { block, review };
}

/** One address a line; `#` starts a comment. A line that is not an address is an error, not a skip. */
function readIps(path: string): string[] {
  const out: string[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((raw, i) => {
      const text = (raw.split("#")[0] ?? "").trim();
      if (text === "") return;
      const ip = canonicalIp(text);
      if (!ip) throw new UsageError(`${path}:${i + 1}: not an IP address: ${text}`);
      out.push(ip);
    });
  return [...new Set(out)];
}

export const command: TCommand = {
  name: "score",
  summary: "score IPs with a trained model, one JSON line each",
  help: HELP,
  async run(argv) {
    const args = parseArgs(argv, {
      model: { type: "string" },
      "as-of": { type: "string" },
      ips: { type: "string" },
      "half-life": { type: "string" },
      block: { type: "string" },
      review: { type: "string" },
    });
    if (args.positionals.length === 0) throw new UsageError("name at least one log file");
    const modelPath = args.strings.model;
    if (!modelPath) throw new UsageError("--model FILE is required");
    const halfLife = halfLifeOption(args.strings);
    const asOfArg = dayOption(args.strings, "as-of");
    const triage = parseTriage(args.strings);
    const wanted = args.strings.ips ? readIps(args.strings.ips) : null;
    const model = parseTrainedModel(readFileSync(modelPath, "utf8"));

    const ingest = await ingestFiles(args.positionals);
    const asOf = asOfArg ?? asOfAfter(ingest.last);
    const decay: TDecay = { kind: "exponential", halfLifeDays: halfLife, horizonDays: 90 };
    // computeRanks keeps only days before asOf: later events never reach the features.
    const snapshot = computeRanks(ingest.rollups, { asOf, decay, asn: await loadAsnTable() });
    const names = featureNamesOf(snapshot);
    if (names.join(",") !== model.featureNames.join(","))
      throw new Error(
        `the model was trained on other features (${model.featureNames.length} vs ${names.length} columns)`,
      );

    const seen: Record<string, number> = {};
    for (const r of ingest.rollups) if (r.day < asOf) seen[r.ip] = (seen[r.ip] ?? 0) + r.events;
    const ips = wanted ? Object.fromEntries(wanted.map((ip) => [ip, seen[ip] ?? 0])) : seen;
    const predictor = await loadPredictor(model);
    try {
      const scored = scoreIps({ snapshot, ips, model, predictor, triage });
      // With --ips the lines follow the file's order, so they can be pasted next to it.
      const order = wanted ? new Map(wanted.map((ip, i) => [ip, i])) : null;
      if (order) scored.sort((a, b) => (order.get(a.ip) ?? 0) - (order.get(b.ip) ?? 0));
      const lines = scored.map((s) =>
        JSON.stringify({
          ip: s.ip,
          score: s.score,
          verdict: s.verdict,
          bucket: s.bucket,
          features: s.features,
        }),
      );
      process.stdout.write(lines.length > 0 ? `${lines.join("\n")}\n` : "");
    } finally {
      predictor.close();
    }
    return 0;
  },
};
