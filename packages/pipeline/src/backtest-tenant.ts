import { loadWorkerEnv } from "@mlsec/config";
import { isPoolDays, poolDaysRows, type TContribution, type TPoolDays } from "@mlsec/core/community";
import { addDays } from "@mlsec/core/day";
import {
  dayForwardBacktest,
  logBacktestOptions,
  renderBacktestHtml,
  type TDayForwardResult,
  type TListedEntry,
} from "@mlsec/core/eval";
import type { TTrainOptions } from "@mlsec/core/train";
import { decayHorizonDays, resolveRankOptions } from "@mlsec/core/rank";
import {
  getBacktest,
  getTenant,
  markBacktestDone,
  markBacktestFailed,
  markBacktestRunning,
  type TBacktestRow,
} from "@mlsec/db";
import { isPermanent, PermanentJobError } from "@mlsec/jobs";
import { backtestHtmlKey, backtestResultKey, putJson, putStream } from "@mlsec/storage";
import { sharedAsnTable } from "./asn-table.ts";
import { backtestSummary } from "./backtest-view.ts";
import { loadTenantPool, poolFrom } from "./community-pool.ts";
import { LABEL_DAYS } from "./label-day-history.ts";
import { tenantRankSettings } from "./tenant-rank-settings.ts";
import { trainingAllowlist } from "./tenant-lists.ts";
import { loadTenantRollups, TooManyRollupsError } from "./tenant-rollups.ts";

/**
 * The GWOL and plain-feed lists from the community pool (public feeds and other tenants, the
 * tenant's own rows left out), as of each day: an address listed first inside the range counts the
 * contributors of that first day only, one listed before it those of the days before the range, so
 * no list ranks by anything from its test day or later.
 */
export function poolFeed(
  pool: readonly TContribution[] | TPoolDays,
  opts: { from: string; exclude: string | null },
) {
  const rows = () => (isPoolDays(pool) ? poolDaysRows(pool) : pool);
  const first = new Map<string, string>();
  for (const r of rows()) {
    if (r.contributor === opts.exclude) continue;
    const seen = first.get(r.ip);
    if (seen === undefined || r.day < seen) first.set(r.ip, r.day);
  }
  const contributors = new Map<string, Set<string>>();
  for (const r of rows()) {
    const since = first.get(r.ip);
    if (since === undefined || r.contributor === opts.exclude) continue;
    if (since < opts.from ? r.day >= opts.from : r.day !== since) continue;
    const set = contributors.get(r.ip) ?? new Set<string>();
    set.add(r.contributor);
    contributors.set(r.ip, set);
  }
  const out: TListedEntry[] = [];
  for (const [ip, since] of first)
    out.push({ ip, count: contributors.get(ip)?.size ?? 0, since: since < opts.from ? "" : since });
  return out;
}

/**
 * The backtest job: core's day-forward backtest on the tenant's rollups from PostgreSQL, with what
 * the train stage trains on (its behaviour rules and half-life, its allowlist, the community pool
 * minus its own rows, TRAIN_MAX_ROWS) and what the CLI grades logs by (logBacktestOptions: malicious
 * on D = D's rollup tripped a behaviour rule, benign tests from provider lists training never draws
 * from). Verdicts are left out: a verdict given after D would tell day D's model the answer. The
 * result JSON and its HTML page go to S3, the pooled numbers to the row. A failure is thrown, and
 * recorded on the row (failed, with the reason) when it is permanent or `lastAttempt`; an earlier
 * attempt's leaves the row running for the retry.
 */
export async function backtestTenant(opts: {
  tenantId: string;
  backtestId: string;
  /** Whether the job has no retry left (default true). */
  lastAttempt?: boolean;
  /** The SVM search (tests narrow it); default the production grid, as training. */
  train?: TTrainOptions;
  maxRollups?: number;
}): Promise<{ resultKey: string; result: TDayForwardResult }> {
  const { tenantId, backtestId } = opts;
  const run = await getBacktest({ tenantId, id: backtestId }).catch(() => null);
  if (!run) throw new PermanentJobError(`backtest ${backtestId} not found`);
  try {
    return await runDays({ ...opts, run });
  } catch (err) {
    if (isPermanent(err) || (opts.lastAttempt ?? true))
      await markBacktestFailed({
        tenantId,
        id: backtestId,
        error: err instanceof Error ? err.message : String(err),
      });
    throw err;
  }
}

async function runDays(opts: {
  tenantId: string;
  backtestId: string;
  run: TBacktestRow;
  train?: TTrainOptions;
  maxRollups?: number;
}): Promise<{ resultKey: string; result: TDayForwardResult }> {
  const { tenantId, backtestId, run } = opts;
  const tenant = await getTenant(tenantId);
  if (!tenant) throw new PermanentJobError("tenant not found");
  await markBacktestRunning({ tenantId, id: backtestId });
  const env = loadWorkerEnv();
  const { decay, clusters } = tenantRankSettings(tenant);
  const resolved = resolveRankOptions({ asOf: run.from, clusters }).clusters;
  const before = addDays(run.to, 1);
  const cap = opts.maxRollups ?? env.BACKTEST_MAX_ROLLUPS;
  const [asn, allowlist, pool, rollups] = await Promise.all([
    sharedAsnTable(),
    trainingAllowlist(tenantId),
    loadTenantPool({ tenantId, from: poolFrom(run.from, LABEL_DAYS), before }),
    // The first day's label days and their decay horizon, up to the last test day.
    loadTenantRollups({
      tenantId,
      from: addDays(run.from, -(LABEL_DAYS + decayHorizonDays(decay))),
      before,
      maxRows: cap,
    }).catch((err: unknown) => {
      if (err instanceof TooManyRollupsError)
        throw new PermanentJobError(
          `the range needs ${err.message} (BACKTEST_MAX_ROLLUPS is ${cap}); choose fewer days or raise it`,
        );
      throw err;
    }),
  ]);
  if (!rollups.some((r) => r.day >= run.from))
    throw new PermanentJobError(`no data from ${run.from} to ${run.to}`);
  const graded = logBacktestOptions({
    rollups,
    feed: [],
    clusters: resolved,
  });
  const result = await dayForwardBacktest({
    rollups,
    from: run.from,
    to: run.to,
    truth: graded.truth,
    benignTest: graded.benignTest,
    ...(graded.benignCidrs ? { benignCidrs: graded.benignCidrs } : {}),
    feed: poolFeed(pool.rows, { from: run.from, exclude: pool.options.exclude }),
    ...(pool.rows.length > 0 ? { community: pool.rows, communityOptions: pool.options } : {}),
    allowlist,
    asn,
    decay,
    clusters: resolved,
    labelDays: LABEL_DAYS,
    maxRows: env.TRAIN_MAX_ROWS,
    seed: 1,
    triage: { block: tenant.triageBlock, review: tenant.triageReview },
    ...(opts.train ? { train: opts.train } : {}),
  });
  const resultKey = backtestResultKey(tenantId, backtestId);
  const html = renderBacktestHtml(result, {
    title: `Day-forward backtest of ${tenant.name}, ${run.from} to ${run.to}`,
  });
  await putJson(resultKey, result);
  await putStream({
    key: backtestHtmlKey(tenantId, backtestId),
    body: new Blob([html]).stream(),
    contentType: "text/html; charset=utf-8",
  });
  await markBacktestDone({ tenantId, id: backtestId, summary: backtestSummary(result), resultKey });
  return { resultKey, result };
}
