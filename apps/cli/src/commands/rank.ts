import { readFileSync } from "node:fs";
import { ASN_ATTRIBUTION, loadAsnTable } from "@mlsec/core/asn";
import { ingestFiles } from "@mlsec/core/ingest";
import { asOfAfter, dayNumber, dayString, utcDay } from "@mlsec/core/day";
import {
  computeRanks,
  DEFAULT_HALF_LIFE_DAYS,
  DEFAULT_HORIZON_DAYS,
  suggestClusters,
  type TClusterRule,
  ZClusterRules,
  type TRanked,
  type TRankKind,
  topRanked,
} from "@mlsec/core/rank";
import { parseArgs, UsageError } from "../args.ts";
import { halfLifeOption, numberOption } from "../option-values.ts";
import type { TCommand } from "../command.ts";

const HELP = `Usage: mlsec rank <log...> [options]

Ingest firewall/SIEM logs, mark each source's bad behaviour per day (blocked attempts on watched
ports, port scans, brute force), decay it with a half-life, and rank sources, IPv4 /24 and /16,
IPv6 /64 and /48 neighbourhoods and origin ASes. Neighbourhood and AS ranks are normalised by
the addresses in the range, so a big network is not bad merely for being big.

Options:
  --as-of DATE       rank as of this UTC day; only events strictly before it count
                     (default: the day after the last event in the logs)
  --half-life DAYS   half-life of the decay, 1..60 (default ${DEFAULT_HALF_LIFE_DAYS})
  --horizon DAYS     ignore behaviour older than this (default ${DEFAULT_HORIZON_DAYS})
  --top N            entries per list (default 10)
  --no-asn           skip the IP-to-AS table (saves ~1 s of loading)
  --clusters FILE    behaviour rules as JSON, e.g. [{"name":"rdp","kind":"watched-ports","ports":[3389]},
                     {"name":"scan","kind":"port-scan","minDistinctPorts":5}] (default: built-in rules)
  --suggest K        also propose K candidate rules by k-means over per-IP daily port profiles,
                     with how many (IP, day) pairs each would cover
  --json             print one JSON object: {"asOf","decay","clusters","top":{kind:[{key,rank,byCluster}]},...}
  --help             this text
`;

const KINDS: { kind: TRankKind; title: string }[] = [
  { kind: "ip", title: "Source IPs" },
  { kind: "v4/24", title: "IPv4 /24" },
  { kind: "v4/16", title: "IPv4 /16" },
  { kind: "v6/64", title: "IPv6 /64" },
  { kind: "v6/48", title: "IPv6 /48" },
  { kind: "as", title: "Origin AS" },
];

export const command: TCommand = {
  name: "rank",
  summary: "rank IPs, /24s, /16s and ASes from logs",
  help: HELP,
  async run(argv) {
    const args = parseArgs(argv, {
      "as-of": { type: "string" },
      "half-life": { type: "string" },
      horizon: { type: "string" },
      top: { type: "string" },
      "no-asn": { type: "boolean" },
      clusters: { type: "string" },
      suggest: { type: "string" },
      json: { type: "boolean" },
    });
    const clusters = args.strings.clusters ? readClusters(args.strings.clusters) : undefined;
    const suggestK =
      args.strings.suggest === undefined
        ? 0
        : numberOption(args.strings, "suggest", { fallback: 5, min: 1, max: 20, integer: true });
    if (args.positionals.length === 0) throw new UsageError("give at least one log file");
    const halfLifeDays = halfLifeOption(args.strings);
    const horizonDays = Math.round(
      numberOption(args.strings, "horizon", { fallback: DEFAULT_HORIZON_DAYS, above: 0, max: 3650 }),
    );
    const top = numberOption(args.strings, "top", { fallback: 10, min: 1, max: 100_000, integer: true });
    const asOfText = args.strings["as-of"];
    if (asOfText !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOfText) && Number.isNaN(Date.parse(asOfText)))
      throw new UsageError(`--as-of must be a date (YYYY-MM-DD), got '${asOfText}'`);

    const [ingest, asn] = await Promise.all([
      ingestFiles(args.positionals, asOfText ? { referenceDate: new Date(asOfText) } : {}),
      args.booleans["no-asn"] ? Promise.resolve(null) : loadAsnTable(),
    ]);
    const rollups = ingest.rollups;
    const lastDay = rollups.reduce((max, r) => Math.max(max, dayNumber(r.day)), -Infinity);
    // The shared as-of rule; with no events at all nothing is ranked, and the output says today.
    const asOf = asOfText ?? (Number.isFinite(lastDay) ? asOfAfter(dayString(lastDay)) : utcDay());
    const snapshot = computeRanks(rollups, {
      asOf,
      decay: { kind: "exponential", halfLifeDays, horizonDays },
      asn,
      ...(clusters ? { clusters } : {}),
    });
    const suggestions = suggestK > 0 ? suggestClusters(rollups, { k: suggestK, asOf }) : [];
    const lists = KINDS.map(({ kind, title }) => ({ kind, title, entries: topRanked(snapshot, kind, top) }));

    if (args.booleans.json) {
      const out = {
        asOf: snapshot.asOf,
        decay: snapshot.decay,
        clusters: snapshot.clusters.map((c) => c.name),
        ingest: {
          lines: ingest.lines,
          events: ingest.events,
          rejected: ingest.rejected,
          ignored: ingest.ignored,
          rollups: ingest.rollupCount,
        },
        sources: snapshot.registry.size,
        top: Object.fromEntries(lists.map((l) => [l.kind, l.entries])),
        ...(suggestK > 0 ? { suggestions } : {}),
        attribution: asn ? ASN_ATTRIBUTION : null,
      };
      process.stdout.write(`${JSON.stringify(out)}\n`);
      return 0;
    }
    const names = snapshot.clusters.map((c) => c.name);
    const lines = [
      `Ranks as of ${snapshot.asOf} (events before that day; half-life ${halfLifeDays} d, horizon ${horizonDays} d)`,
      `${ingest.events} events from ${ingest.lines} lines, ${snapshot.registry.size} sources; clusters: ${names.join(", ")}`,
    ];
    for (const l of lists) {
      if (
        l.entries.length === 0 &&
        l.kind !== "ip" &&
        l.kind !== "v4/24" &&
        l.kind !== "v4/16" &&
        l.kind !== "as"
      )
        continue;
      lines.push("", `${l.title}${l.kind === "ip" ? "" : " (normalised by addresses in range)"}:`);
      if (l.entries.length === 0) lines.push("  (none ranked)");
      for (const e of l.entries) lines.push(formatEntry(e, names));
    }
    if (suggestK > 0) {
      lines.push("", "Suggested rules (k-means over daily port profiles; size = (IP, day) pairs covered):");
      for (const sug of suggestions)
        lines.push(`  ${String(sug.size).padStart(8)}  ${JSON.stringify(sug.rule)}`);
    }
    if (asn) lines.push("", ASN_ATTRIBUTION);
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  },
};

function formatEntry(e: TRanked, names: string[]): string {
  const parts = e.byCluster.map((v, i) => (v > 0 ? `${names[i] ?? i}=${fmt(v)}` : "")).filter(Boolean);
  const label = e.label ? ` ${e.label}` : "";
  return `  ${fmt(e.rank).padStart(10)}  ${e.key}${label}  [${parts.join(" ")}]`;
}

function fmt(x: number): string {
  return x >= 0.001 ? x.toFixed(4) : x.toExponential(3);
}

function readClusters(path: string): TClusterRule[] {
  const parsed = ZClusterRules.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success)
    throw new UsageError(`--clusters ${path}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}
