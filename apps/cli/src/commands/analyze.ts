import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { loadAsnTable } from "@mlsec/core/asn";
import { exportSetFromReport, renderExport, type TExportFormat } from "@mlsec/core/export";
import { loadCountryTable } from "@mlsec/core/geo";
import { ingestFiles } from "@mlsec/core/ingest";
import { asOfAfter } from "@mlsec/core/day";
import { buildReport, scoreIps, trainFromRollups } from "@mlsec/core/pipeline";
import { computeRanks, DEFAULT_HALF_LIFE_DAYS, type TDecay } from "@mlsec/core/rank";
import { renderReportHtml, summariseTraffic } from "@mlsec/core/report";
import {
  applyLists,
  createListMatcher,
  parseListText,
  selectListedEntries,
  type TListEntry,
  type TListKind,
} from "@mlsec/core/score";
import { loadPredictor } from "@mlsec/core/train";
import { parseArgs, UsageError } from "../args.ts";
import { dayOption, halfLifeOption, numberOption } from "../option-values.ts";
import type { TCommand } from "../command.ts";
import { readIpList } from "../read-ip-list.ts";
import { createProgress } from "../progress.ts";
import { parseTriage, TRIAGE_HELP } from "./score.ts";

const HELP = `Usage: mlsec analyze <log...> [options]

The whole pipeline in this process, no servers: ingest the logs, rank sources and neighbourhoods,
label and train an SVM (cross-validated), score every source IP and write the report.

Options:
  --benign FILE...     lists of addresses/CIDRs you know are benign (labels; several files allowed)
  --malicious FILE...  feeds of malicious addresses: ipsum format (IP<TAB>count) or plain IP/CIDR lists
  --allow FILE...      allow-list files: one IP, CIDR or AS<n> a line, then an optional reason; listed
                       IPs are bucket "allow" and never exported (addresses and CIDRs also label benign)
  --block-list FILE... block-list files, same format: listed IPs are bucket "block" and always exported
  --as-of DATE         score as of this UTC day (default: the day after the last event)
  --half-life DAYS     decay half-life, 1..60 (default ${DEFAULT_HALF_LIFE_DAYS})
  --model-out FILE     also write the trained model (JSON: libsvm text, scaler, features, metrics)
  --out FILE           write the report JSON here
  --html FILE          write a self-contained HTML report here
  --csv FILE           export every scored source IP as CSV
  --stix FILE          export the IPs scoring at least --min as a STIX 2.1 bundle
  --blocklist FILE     export the IPs scoring at least --min, one address a line (ipset/nftables)
  --min P              lowest score for --stix and --blocklist, 0..1 (default 0.9)
${TRIAGE_HELP}
  --json               print the whole report JSON on stdout instead of a summary
  --help               this text
`;

const readListFile = (path: string, kind: TListKind): TListEntry[] => {
  const { entries, invalid } = parseListText(readFileSync(path, "utf8"), kind);
  if (invalid.length > 0)
    throw new UsageError(`${path}: line ${invalid.join(", ")} is not an IP, a CIDR or AS<number>`);
  return entries;
};

export const command: TCommand = {
  name: "analyze",
  summary: "ingest, rank, train, score and report in one go",
  help: HELP,
  async run(argv) {
    const args = parseArgs(argv, {
      benign: { type: "list" },
      malicious: { type: "list" },
      allow: { type: "list" },
      "block-list": { type: "list" },
      "as-of": { type: "string" },
      "half-life": { type: "string" },
      "model-out": { type: "string" },
      out: { type: "string" },
      html: { type: "string" },
      csv: { type: "string" },
      stix: { type: "string" },
      blocklist: { type: "string" },
      min: { type: "string" },
      block: { type: "string" },
      review: { type: "string" },
      json: { type: "boolean" },
    });
    if (args.positionals.length === 0) throw new UsageError("name at least one log file");
    const halfLife = halfLifeOption(args.strings);
    const asOfArg = dayOption(args.strings, "as-of");
    const triage = parseTriage(args.strings);
    const min = numberOption(args.strings, "min", { fallback: 0.9, min: 0, max: 1 });
    const benign = (args.lists.benign ?? []).map(readIpList);
    const malicious = (args.lists.malicious ?? []).map(readIpList);
    const listEntries = [
      ...(args.lists.allow ?? []).flatMap((p) => readListFile(p, "allow")),
      ...(args.lists["block-list"] ?? []).flatMap((p) => readListFile(p, "block")),
    ];
    const lists = createListMatcher(listEntries);
    const allowRanges = listEntries
      .filter((e) => e.kind === "allow" && !/^AS/i.test(e.value))
      .map((e) => e.value);

    const progress = createProgress(process.stderr);
    progress.step("ingest");
    const ingest = await ingestFiles(args.positionals, {
      onProgress: ({ lines }) => progress.detail(`${lines} lines`),
    });
    const asOf = asOfArg ?? asOfAfter(ingest.last);
    progress.step("rank");
    const asn = await loadAsnTable();
    const decay: TDecay = { kind: "exponential", halfLifeDays: halfLife, horizonDays: 90 };
    const snapshot = computeRanks(ingest.rollups, { asOf, decay, asn });
    progress.step("train");
    const trained = await trainFromRollups({
      rollups: ingest.rollups,
      asOf,
      decay,
      asn,
      feeds: malicious.flatMap((l) => l.ips),
      feedCidrs: malicious.flatMap((l) => l.cidrs),
      allowlist: [...benign.flatMap((l) => [...l.ips, ...l.cidrs]), ...allowRanges],
    });
    progress.step("score");
    const ips: Record<string, number> = {};
    for (const r of ingest.rollups) if (r.day < asOf) ips[r.ip] = (ips[r.ip] ?? 0) + r.events;
    const predictor = trained.model ? await loadPredictor(trained.model) : null;
    const scored = applyLists(
      scoreIps({
        snapshot,
        ips,
        model: trained.model,
        predictor,
        triage,
        countries: await loadCountryTable(),
      }),
      lists,
    );
    predictor?.close();
    const flagged = new Set(scored.filter((s) => s.verdict === "malicious").map((s) => s.ip));
    const report = buildReport({
      uploadId: null,
      asOf,
      ingest,
      scored,
      model: trained.model,
      modelVersion: null,
      modelNote: trained.note,
      traffic: summariseTraffic(ingest.rollups, { flagged }),
      triage,
      halfLifeDays: halfLife,
    });
    progress.done();

    const write = (path: string, text: string) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    };
    if (args.strings.out) write(args.strings.out, JSON.stringify(report, null, 2));
    if (args.strings.html) write(args.strings.html, renderReportHtml(report));
    const exportTo = (path: string | undefined, format: TExportFormat, filter: { min: number }) => {
      if (!path) return;
      // Every IP, then the filter with the lists applied (allow-listed never, block-listed always).
      const all = exportSetFromReport(report, { tenantId: "local", filter: { min: 0 } });
      const set = { ...all, filter, entries: selectListedEntries(all.entries, filter, lists) };
      write(path, renderExport(set, format).body);
    };
    exportTo(args.strings.csv, "csv", { min: 0 });
    exportTo(args.strings.stix, "stix", { min });
    exportTo(args.strings.blocklist, "txt", { min });
    if (args.strings["model-out"] && trained.model)
      write(args.strings["model-out"], JSON.stringify(trained.model));
    if (args.booleans.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return 0;
    }
    const s = report.summary;
    const m = trained.model?.metrics;
    const lines = [
      `${s.lines} lines, ${s.events} events, ${s.rejected} rejected; ${s.sources} source IPs, as of ${asOf}`,
      `triage: ${s.buckets.block} block, ${s.buckets.review} review, ${s.buckets.allow} allow (${s.flagged} flagged malicious)`,
      m
        ? `model: ${trained.rows.malicious} malicious / ${trained.rows.benign} benign labels; ${trained.model?.folds}-fold CV accuracy ${(m.accuracy * 100).toFixed(1)}%, sensitivity ${(m.sensitivity * 100).toFixed(1)}%, specificity ${(m.specificity * 100).toFixed(1)}%, AUC ${m.auc.toFixed(3)}` +
          (trained.model?.baseline ? ` (baseline AUC ${trained.model.baseline.auc.toFixed(3)})` : "")
        : `model: none (${trained.note ?? ""})`,
      ...report.ips
        .slice(0, 5)
        .map(
          (ip) =>
            `  ${ip.ip.padEnd(16)} ${ip.score.toFixed(3)} ${ip.bucket.padEnd(6)} ${ip.reasons[0] ?? ""}`,
        ),
      ...(args.strings.out ? [`report JSON: ${args.strings.out}`] : []),
      ...(args.strings.html ? [`HTML report: ${args.strings.html}`] : []),
      ...(args.strings.csv ? [`CSV: ${args.strings.csv}`] : []),
      ...(args.strings.stix ? [`STIX bundle: ${args.strings.stix}`] : []),
      ...(args.strings.blocklist ? [`blocklist: ${args.strings.blocklist}`] : []),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  },
};
