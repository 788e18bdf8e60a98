import { readFile, writeFile } from "node:fs/promises";
import { loadAsnTable } from "@mlsec/core/asn";
import { ingestFiles } from "@mlsec/core/ingest";
import { parseIpList, parseIpsum } from "@mlsec/core/ip-lists";
import { buildDataset, loadShippedScanners } from "@mlsec/core/labels";
import { asOfAfter, dayNumber, dayString } from "@mlsec/core/day";
import { toLibsvm } from "@mlsec/core/train";
import { parseArgs, UsageError } from "../args.ts";
import { dayOption, numberOption } from "../option-values.ts";
import type { TCommand } from "../command.ts";

const HELP = `Usage: mlsec features <log...> --as-of DATE --export-libsvm FILE [options]

Build the labelled feature matrix as of DATE and write it in libsvm format (+1 malicious, -1 benign),
for \`mlsec train --libsvm\` or other tools. For each label day (the days before DATE), malicious rows
are addresses in a bad-behaviour cluster that day or listed in a --malicious feed; benign rows are a
seeded sample of routed address space by AS size, the day's allowed-only traffic and provider ranges
(--benign, or the shipped provider lists); research scanners are left out. Features come only from
events before each label day.

Options:
  --as-of DATE            the data set's date (default: the day after the last event)
  --export-libsvm FILE    write the matrix here (required)
  --malicious FILE...     feeds: IPsum format (IP<TAB>count) or plain IP/CIDR lists
  --min-lists N           IPsum entries named by at least N lists (default 1)
  --benign FILE...        provider or allowlist ranges for the benign class (IP/CIDR lists)
  --label-days N          label days before --as-of (default 7)
  --benign-ratio R        benign rows per malicious row (default 1)
  --seed N                sampling seed (default 1)
  --scanners POLICY       exclude (default), malicious or benign
  --no-asn                skip the IP-to-AS table: no AS features, no background class
  --json                  print a JSON summary
  --help                  this text
`;

async function readFeeds(files: string[], minLists: number): Promise<{ ips: string[]; cidrs: string[] }> {
  const ips: string[] = [];
  const cidrs: string[] = [];
  for (const file of files) {
    const text = await readFile(file, "utf8");
    // IPsum lines are "IP<TAB>count"; anything else is read as a plain list.
    const ipsum = /^[0-9a-f:.]+\t\d+\s*$/im.test(text);
    if (ipsum) ips.push(...parseIpsum(text, minLists));
    else {
      const list = parseIpList(text);
      ips.push(...list.ips);
      cidrs.push(...list.cidrs);
    }
  }
  return { ips, cidrs };
}

export const command: TCommand = {
  name: "features",
  summary: "write the labelled feature matrix",
  help: HELP,
  async run(argv) {
    const args = parseArgs(argv, {
      "as-of": { type: "string" },
      "export-libsvm": { type: "string" },
      malicious: { type: "list" },
      "min-lists": { type: "string" },
      benign: { type: "list" },
      "label-days": { type: "string" },
      "benign-ratio": { type: "string" },
      seed: { type: "string" },
      scanners: { type: "string" },
      "no-asn": { type: "boolean" },
      json: { type: "boolean" },
    });
    if (args.positionals.length === 0) throw new UsageError("give at least one log file");
    const out = args.strings["export-libsvm"];
    if (!out) throw new UsageError("--export-libsvm FILE is required");
    const asOfText = dayOption(args.strings, "as-of");
    const int = (name: string, fallback: number): number =>
      numberOption(args.strings, name, { fallback, min: 0, integer: true });
    const ratio = numberOption(args.strings, "benign-ratio", { fallback: 1, above: 0 });
    const policy = args.strings.scanners ?? "exclude";
    if (policy !== "exclude" && policy !== "malicious" && policy !== "benign")
      throw new UsageError("--scanners must be exclude, malicious or benign");

    const [ingest, asn, feeds, benign] = await Promise.all([
      ingestFiles(args.positionals, asOfText ? { referenceDate: new Date(asOfText) } : {}),
      args.booleans["no-asn"] ? Promise.resolve(null) : loadAsnTable(),
      readFeeds(args.lists.malicious ?? [], int("min-lists", 1)),
      args.lists.benign ? readFeeds(args.lists.benign, 1) : Promise.resolve(null),
    ]);
    const rollups = ingest.rollups;
    const lastDay = rollups.reduce((max, r) => Math.max(max, dayNumber(r.day)), -Infinity);
    if (!Number.isFinite(lastDay) && !asOfText) throw new Error("no events in the logs");
    const asOf = asOfText ?? asOfAfter(dayString(lastDay));
    const { rows, featureNames, dropped } = buildDataset({
      rollups,
      asOf,
      labelDays: int("label-days", 7),
      feeds: feeds.ips,
      feedCidrs: feeds.cidrs,
      benignCidrs: benign
        ? [...benign.cidrs, ...benign.ips.map((ip) => (ip.includes(":") ? `${ip}/128` : `${ip}/32`))]
        : undefined,
      scanners: loadShippedScanners(),
      noise: policy,
      asn,
      benignRatio: ratio,
      seed: int("seed", 1),
    });
    await writeFile(out, toLibsvm(rows));
    const bySource: Record<string, number> = {};
    for (const r of rows) bySource[r.source] = (bySource[r.source] ?? 0) + 1;
    const summary = {
      asOf,
      file: out,
      rows: rows.length,
      malicious: rows.filter((r) => r.y === 1).length,
      benign: rows.filter((r) => r.y === 0).length,
      bySource,
      dropped,
      featureNames,
    };
    if (args.booleans.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else
      process.stdout.write(
        `${summary.rows} rows (${summary.malicious} malicious, ${summary.benign} benign) as of ${asOf} -> ${out}\n` +
          `sources: ${Object.entries(bySource)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}; scanners left out: ${dropped.noise}\n` +
          `features: ${featureNames.join(" ")}\n`,
      );
    return 0;
  },
};
