import { addDays, dayNumber } from "@mlsec/core/day";
import type { TDayForwardResult } from "@mlsec/core/eval";
import {
  createBacktest,
  getBacktest,
  lastDataDay,
  listBacktests,
  markBacktestFailed,
  recordAudit,
  rollupDays,
  type TBacktestRow,
} from "@mlsec/db";
import { backtestHtmlKey, getBytesOrNull } from "@mlsec/storage";
import { backtestDetail, type TBacktestDetail } from "./backtest-view.ts";

/** Days one run may cover: each is a training, minutes of CPU on a large tenant. */
export const MAX_BACKTEST_DAYS = 14;
/** Days with data a run covers when the request names none. */
export const DEFAULT_BACKTEST_DAYS = 7;

export type TBacktestRequest =
  { ok: true; backtest: TBacktestRow } | { ok: false; status: 400 | 409; error: string };

/**
 * The range a request means: both days as given; one missing, a week from the one given (to stops
 * at the last day with data); none, the last DEFAULT_BACKTEST_DAYS days with data among the last
 * MAX_BACKTEST_DAYS calendar days. Null when the tenant has no data.
 */
async function resolveRange(
  tenantId: string,
  asked: { from?: string | undefined; to?: string | undefined },
): Promise<{ from: string; to: string } | null> {
  const last = await lastDataDay(tenantId);
  if (!last) return null;
  if (asked.from && asked.to) return { from: asked.from, to: asked.to };
  if (asked.from) {
    const week = addDays(asked.from, DEFAULT_BACKTEST_DAYS - 1);
    return { from: asked.from, to: week < last ? week : last };
  }
  if (asked.to) return { from: addDays(asked.to, -(DEFAULT_BACKTEST_DAYS - 1)), to: asked.to };
  const days = await rollupDays({
    tenantId,
    from: addDays(last, -(MAX_BACKTEST_DAYS - 1)),
    before: addDays(last, 1),
  });
  return { from: days.at(-DEFAULT_BACKTEST_DAYS) ?? days[0] ?? last, to: last };
}

/**
 * A member's or key's request for a run (POST /api/v1/backtests and the portal's form): resolves
 * the range, refuses one without data or too long, records the queued row (ConflictError while
 * another is queued or running), audits it and queues the job (`queue`: the caller owns the queues).
 */
export async function requestBacktest(opts: {
  tenantId: string;
  actor: string;
  from?: string | undefined;
  to?: string | undefined;
  queue: (payload: { tenantId: string; backtestId: string }) => Promise<unknown>;
}): Promise<TBacktestRequest> {
  const range = await resolveRange(opts.tenantId, opts);
  if (!range) return { ok: false, status: 409, error: "no data to backtest yet: upload a log first" };
  const span = dayNumber(range.to) - dayNumber(range.from) + 1;
  if (span < 1) return { ok: false, status: 400, error: "to must not be before from" };
  if (span > MAX_BACKTEST_DAYS)
    return { ok: false, status: 400, error: `a run covers at most ${MAX_BACKTEST_DAYS} days` };
  const withData = await rollupDays({
    tenantId: opts.tenantId,
    from: range.from,
    before: addDays(range.to, 1),
  });
  if (withData.length === 0)
    return { ok: false, status: 409, error: `no data from ${range.from} to ${range.to}` };
  const backtest = await createBacktest({ tenantId: opts.tenantId, ...range, requestedBy: opts.actor });
  await recordAudit({
    tenantId: opts.tenantId,
    actor: opts.actor,
    action: "backtest.request",
    target: backtest.id,
    detail: { from: range.from, to: range.to },
  });
  try {
    await opts.queue({ tenantId: opts.tenantId, backtestId: backtest.id });
  } catch (err) {
    // A row left queued without a job would hold off every later request (one active per tenant).
    await markBacktestFailed({ tenantId: opts.tenantId, id: backtest.id, error: "could not be queued" });
    throw err;
  }
  return { ok: true, backtest };
}

/** The tenant's runs, newest first. */
export const tenantBacktests = (tenantId: string): Promise<TBacktestRow[]> => listBacktests({ tenantId });

/** One run and, once done, its result as the page shows it (NotFoundError for another tenant's id). */
export async function tenantBacktest(opts: {
  tenantId: string;
  id: string;
}): Promise<{ backtest: TBacktestRow; detail: TBacktestDetail | null }> {
  const backtest = await getBacktest(opts);
  if (backtest.status !== "done" || !backtest.resultKey) return { backtest, detail: null };
  const bytes = await getBytesOrNull(backtest.resultKey);
  if (!bytes) return { backtest, detail: null };
  const result = JSON.parse(new TextDecoder().decode(bytes)) as TDayForwardResult;
  return { backtest, detail: backtestDetail(result) };
}

/**
 * A done run's stored result as a download: the JSON core wrote or the HTML page it rendered.
 * Null while the run is not done (or its objects are gone); NotFoundError for another tenant's id.
 */
export async function backtestDownload(opts: {
  tenantId: string;
  id: string;
  format: "json" | "html";
}): Promise<Uint8Array | null> {
  const backtest = await getBacktest(opts);
  if (backtest.status !== "done" || !backtest.resultKey) return null;
  return getBytesOrNull(
    opts.format === "json" ? backtest.resultKey : backtestHtmlKey(opts.tenantId, opts.id),
  );
}
