import { readFileSync, writeFileSync } from "node:fs";
import type { TAsnTable } from "@mlsec/core/asn";
import {
  backtestWorld,
  dayForwardBacktest,
  formatBacktest,
  loadReferenceLists,
  logBacktestOptions,
  parseFeedCounts,
  renderBacktestHtml,
  scaleProfile,
  WORLD_PROFILES,
  type TDayForwardResult,
} from "@mlsec/core/eval";
import { ingestFiles } from "@mlsec/core/ingest";
import type { TDecay } from "@mlsec/core/rank";
import { UsageError, type TParsedArgs } from "../args.ts";
import { dayOption, numberOption } from "../option-values.ts";
import { readIpList } from "../read-ip-list.ts";

type TCommon = { args: TParsedArgs; asn: TAsnTable; decay: TDecay; labelDays: number };

/** `--from/--to` on log files: the day-forward backtest with behaviour labels as the truth. */
export async function backtestLogRange(c: TCommon & { files: string[] }): Promise<TDayForwardResult> {
  const from = dayOption(c.args.strings, "from");
  const to = dayOption(c.args.strings, "to") ?? from;
  if (!from || !to) throw new UsageError("--from DATE (and optionally --to DATE) are needed with log files");
  if (to < from) throw new UsageError("--to must not be before --from");
  const feedFiles = c.args.lists.malicious ?? [];
  const lists = feedFiles.map(readIpList);
  // GWOL ranks by a feed's count column (IPsum's lists-per-address); plain lists count 1.
  const feed = feedFiles.flatMap((f) => parseFeedCounts(readFileSync(f, "utf8")));
  const { rollups } = await ingestFiles(c.files);
  return dayForwardBacktest({
    rollups,
    from,
    to,
    asn: c.asn,
    decay: c.decay,
    labelDays: c.labelDays,
    allowlist: (c.args.lists.benign ?? []).map(readIpList).flatMap((l) => [...l.ips, ...l.cidrs]),
    ...logBacktestOptions({ rollups, feed, feedCidrs: lists.flatMap((l) => l.cidrs) }),
    onDay: (d) => process.stderr.write(`${d.day}: done in ${d.seconds.toFixed(0)} s\n`),
  });
}

/** `--world PROFILE --seed N`: a generated world, no files; the last --test-days days, or --from/--to. */
export async function backtestGeneratedWorld(c: TCommon): Promise<TDayForwardResult> {
  const name = c.args.strings.world ?? "";
  const base = WORLD_PROFILES[name];
  if (!base)
    throw new UsageError(`--world is one of ${Object.keys(WORLD_PROFILES).join(", ")}; got '${name}'`);
  const scale = numberOption(c.args.strings, "scale", { fallback: 1, above: 0, max: 10 });
  const days = numberOption(c.args.strings, "world-days", {
    fallback: base.days,
    min: 10,
    max: 120,
    integer: true,
  });
  const testDays = numberOption(c.args.strings, "test-days", {
    fallback: 7,
    min: 1,
    max: days - 8,
    integer: true,
  });
  const seed = numberOption(c.args.strings, "seed", { fallback: 1, min: 0, integer: true });
  const lists = loadReferenceLists(c.args.strings.reference);
  const { result } = await backtestWorld({
    profile: { ...scaleProfile(base, scale), days },
    seed,
    asn: c.asn,
    lists,
    testDays,
    overrides: {
      decay: c.decay,
      labelDays: c.labelDays,
      onDay: (d) => process.stderr.write(`${d.day}: done in ${d.seconds.toFixed(0)} s\n`),
    },
  });
  return result;
}

/** Prints the result (text or --json) and writes --html. */
export function reportRange(args: TParsedArgs, result: TDayForwardResult, title: string): number {
  const html = args.strings.html;
  if (html) writeFileSync(html, renderBacktestHtml(result, { title }));
  process.stdout.write(args.booleans.json ? `${JSON.stringify(result)}\n` : formatBacktest(result));
  return result.days.length > 0 ? 0 : 1;
}
