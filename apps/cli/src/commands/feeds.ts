import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { feedStats, type TFeedSnapshots, type TFeedStats } from "@mlsec/core/community";
import { parseIpList, parseIpsum } from "@mlsec/core/ip-lists";
import { parseArgs, UsageError } from "../args.ts";
import type { TCommand } from "../command.ts";
import { numberOption } from "../option-values.ts";

const HELP = `Usage: mlsec feeds stats <list...> [options]

Feed quality in the style of MLSec's tiq-test. Each argument is a source: a list file (one
snapshot), or a directory of daily snapshots whose file names hold their day (YYYY-MM-DD). Files are
IP/CIDR lists or IPsum ("IP<TAB>lists"), detected from their first entry unless --format says.
Prints per source: snapshots, size (latest), distinct entries, novelty (added and churned per day),
aging (snapshots an entry stayed listed) and uniqueness (share no other source lists); then the
overlap matrix (row source's entries also in the column source).

Options:
  --format F       list, ipsum or auto (default auto)
  --min-lists N    IPsum: entries named by at least N lists (default 1)
  --json           print one JSON object
  --help           this text
`;

export const command: TCommand = {
  name: "feeds",
  summary: "feed quality: novelty, churn, overlap, aging, uniqueness",
  help: HELP,
  run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== "stats") throw new UsageError("the only subcommand is: mlsec feeds stats <list...>");
    const args = parseArgs(rest, {
      format: { type: "string" },
      "min-lists": { type: "string" },
      json: { type: "boolean" },
    });
    if (args.positionals.length === 0) throw new UsageError("name at least one list file or directory");
    const format = args.strings.format ?? "auto";
    if (!["list", "ipsum", "auto"].includes(format))
      throw new UsageError("--format must be list, ipsum or auto");
    const minLists = numberOption(args.strings, "min-lists", { fallback: 1, min: 1, integer: true });
    const sources = args.positionals.map((p) => readSource(p, format, minLists));
    const stats = feedStats(sources);
    process.stdout.write(args.booleans.json ? `${JSON.stringify(stats)}\n` : formatStats(stats));
    return Promise.resolve(0);
  },
};

const DAY = /\d{4}-\d{2}-\d{2}/;

function readSource(path: string, format: string, minLists: number): TFeedSnapshots {
  const name = basename(path).replace(extname(path), "");
  if (!statSync(path).isDirectory()) {
    const day = DAY.exec(basename(path))?.[0] ?? "snapshot";
    return { name, days: new Map([[day, readEntries(path, format, minLists)]]) };
  }
  const days = new Map<string, ReadonlySet<string>>();
  for (const file of readdirSync(path).sort()) {
    const day = DAY.exec(file)?.[0];
    if (day) days.set(day, readEntries(join(path, file), format, minLists));
  }
  if (days.size === 0) throw new UsageError(`${path}: no file named with a day (YYYY-MM-DD)`);
  return { name, days };
}

function readEntries(file: string, format: string, minLists: number): Set<string> {
  const text = readFileSync(file, "utf8");
  const first = text.split("\n").find((l) => l.trim() !== "" && !/^\s*[#;]/.test(l)) ?? "";
  const ipsum = format === "ipsum" || (format === "auto" && /^\S+\t\d+\s*$/.test(first));
  if (ipsum) return new Set(parseIpsum(text, minLists));
  const { ips, cidrs } = parseIpList(text);
  return new Set([...ips, ...cidrs]);
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const num = (v: number | null) => (v === null ? "-" : v.toFixed(1));

export function formatStats(stats: TFeedStats): string {
  const rows = [
    ["source", "days", "size", "distinct", "added/day", "churn/day", "aging mean", "aging median", "unique"],
    ...stats.sources.map((s) => [
      s.name,
      String(s.days),
      String(s.size),
      String(s.distinct),
      num(s.meanAdded),
      num(s.meanChurned),
      s.aging.mean.toFixed(1),
      String(s.aging.median),
      pct(s.uniqueness),
    ]),
  ];
  const out = [table(rows), "", "overlap (share of the row source's entries the column source also lists):"];
  const names = stats.sources.map((s) => s.name);
  out.push(table([["", ...names], ...stats.overlap.map((r, i) => [names[i] ?? "", ...r.map(pct)])]));
  return `${out.join("\n")}\n`;
}

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows
    .map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c] ?? 0) : v.padStart(widths[c] ?? 0))).join("  "))
    .join("\n");
}
