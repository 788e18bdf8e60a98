// Types only: the web app reads this through @mlsec/pipeline/backtest, and core's eval entry at
// run time would bring the world generator and the shipped lists into its bundle.
import type { TBlocklistHits, TDayForwardResult, TSlice } from "@mlsec/core/eval";

/** JSON has no NaN or Infinity: a metric without a value (one class missing) is null. */
const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** One slice's model numbers, as the list, the run's page and the API show them. */
function sliceMetrics(s: TSlice) {
  const m = s.model;
  return {
    rows: s.rows,
    malicious: s.malicious,
    benign: s.benign,
    auc: num(s.rankers.model.auc),
    heuristicAuc: num(s.rankers.heuristic.auc),
    sensitivity: num(m.atThreshold.sensitivity),
    specificity: num(m.atThreshold.specificity),
    lrPlus: m.atThreshold.lrPlus === null ? null : num(m.atThreshold.lrPlus),
    brier: num(m.brier),
    calibrationError: num(m.calibrationError),
  };
}

/** The pooled numbers stored on the Backtest row (what the list of runs shows). */
export function backtestSummary(result: TDayForwardResult) {
  const p = result.pooled;
  return {
    days: result.days.length,
    skipped: result.skipped.length,
    all: p ? sliceMetrics(p.all) : null,
    neverSeen: p ? sliceMetrics(p.neverSeen) : null,
  };
}
export type TBacktestSummary = ReturnType<typeof backtestSummary>;

function hitsTable(b: TBlocklistHits) {
  return {
    universe: b.universe,
    reachable: b.reachable,
    listSizes: b.listSizes,
    max: b.oracle,
    hits: b.hits,
  };
}

/**
 * A run's result for its page and GET /api/v1/backtests/:id: per day the training cut and the
 * model's numbers, pooled the blocklist hits at each list size of every ranker (model, heuristic,
 * LWOL, GWOL, feed) against the most any list could hit, and the reliability bins.
 */
export function backtestDetail(result: TDayForwardResult) {
  return {
    from: result.from,
    to: result.to,
    listSizes: result.listSizes,
    featureNames: result.featureNames,
    days: result.days.map((d) => ({
      day: d.day,
      trainRows: d.trainRows,
      trainCut: d.trainCut,
      model: { c: d.model.c, gamma: d.model.gamma, threshold: d.model.threshold, cvAuc: num(d.model.cvAuc) },
      all: sliceMetrics(d.all),
      neverSeen: sliceMetrics(d.neverSeen),
      blocklist: hitsTable(d.blocklist),
    })),
    skipped: result.skipped,
    pooled: result.pooled
      ? {
          all: sliceMetrics(result.pooled.all),
          neverSeen: sliceMetrics(result.pooled.neverSeen),
          blocklist: hitsTable(result.pooled.blocklist),
          reliability: result.pooled.all.model.reliability,
        }
      : null,
  };
}
export type TBacktestDetail = ReturnType<typeof backtestDetail>;
