import Link from "next/link";
import { notFound } from "next/navigation";
import { NotFoundError } from "@mlsec/db";
import { tenantBacktest } from "@mlsec/pipeline/backtest";
import { DataTable } from "@/components/data-table.tsx";
import { StatusBadge } from "@/components/status-badge.tsx";
import { fmt3, fmtLr, fmtPct } from "@/lib/backtest-metrics.ts";
import { formatCount, formatDateTime } from "@/lib/format.ts";
import { requireScope } from "@/lib/require-scope.ts";
import { ReliabilityChart } from "./reliability-chart.tsx";

const RANKER_LABELS = {
  model: "Model",
  heuristic: "Heuristic (decayed IP, /24, /16)",
  lwol: "LWOL (your most active sources)",
  gwol: "GWOL (community pool and feeds)",
  feed: "Plain feed",
} as const;
const RANKERS = Object.keys(RANKER_LABELS) as (keyof typeof RANKER_LABELS)[];

/** Seconds between reloads while the run is queued or running (a meta refresh: no script needed). */
const REFRESH_SECONDS = 5;

/** One backtest run: its status, then per-day metrics, the hits-at-list-size table and calibration. */
export default async function BacktestRunPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireScope("read");
  const { id } = await params;
  const found = await tenantBacktest({ tenantId: user.tenantId, id }).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  if (!found) notFound();
  const { backtest: run, detail } = found;
  const pending = run.status === "queued" || run.status === "running";
  return (
    <>
      {pending && <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />}
      <p>
        <Link href="/backtest">← Backtests</Link>
      </p>
      <h1>
        Backtest {run.from} to {run.to} <StatusBadge value={run.status} />
      </h1>
      <p className="muted" data-testid="backtest-status" data-status={run.status}>
        Requested {formatDateTime(run.createdAt.toISOString())}
        {run.finishedAt ? `, finished ${formatDateTime(run.finishedAt.toISOString())}` : ""}.
        {pending && ` This page reloads every ${REFRESH_SECONDS} seconds until it is done.`}
      </p>
      {run.status === "failed" && (
        <p className="error" role="alert" data-testid="backtest-error">
          {run.error ?? "failed"}
        </p>
      )}
      {detail && (
        <>
          <div className="exports" data-testid="backtest-downloads">
            <span className="muted">Download:</span>
            <a className="button secondary" href={`/api/v1/backtests/${run.id}/result?format=html`} download>
              HTML report
            </a>
            <a className="button secondary" href={`/api/v1/backtests/${run.id}/result?format=json`} download>
              JSON
            </a>
          </div>
          <h2>Per day</h2>
          <DataTable
            testId="backtest-days"
            columns={[
              "Day",
              "Trained on",
              { label: "Train rows (mal/ben)", num: true },
              { label: "Scored rows", num: true },
              { label: "AUC", num: true },
              { label: "Sensitivity", num: true },
              { label: "Specificity", num: true },
              { label: "LR+", num: true },
              { label: "Brier", num: true },
              { label: "Heuristic AUC", num: true },
              { label: "Never-seen AUC", num: true },
            ]}
            {...(detail.days.length === 0 ? { empty: "No day could be trained." } : {})}
          >
            {detail.days.map((d) => (
              <tr key={d.day} data-testid="backtest-day" data-day={d.day}>
                <td>{d.day}</td>
                <td>
                  {d.trainCut.firstLabelDay} to {d.trainCut.lastLabelDay}
                </td>
                <td className="num">
                  {formatCount(d.trainRows.malicious)}/{formatCount(d.trainRows.benign)}
                </td>
                <td className="num">{formatCount(d.all.rows)}</td>
                <td className="num">{fmt3(d.all.auc)}</td>
                <td className="num">{fmtPct(d.all.sensitivity)}</td>
                <td className="num">{fmtPct(d.all.specificity)}</td>
                <td className="num">{fmtLr(d.all.lrPlus, d.all.specificity)}</td>
                <td className="num">{fmt3(d.all.brier)}</td>
                <td className="num">{fmt3(d.all.heuristicAuc)}</td>
                <td className="num">{fmt3(d.neverSeen.auc)}</td>
              </tr>
            ))}
          </DataTable>
          {detail.skipped.length > 0 && (
            <p className="muted" data-testid="backtest-skipped">
              Skipped: {detail.skipped.map((s) => `${s.day} (${s.note})`).join("; ")}
            </p>
          )}
          {detail.pooled && (
            <>
              <h2>Blocklist hits at list size</h2>
              <p className="muted">
                Summed over the days: of the {formatCount(detail.pooled.blocklist.universe)} addresses known
                before each day (your history and the pool), how many of a list&rsquo;s top N were malicious
                on the day; &ldquo;most possible&rdquo; is the best any list of that size could do.
              </p>
              <DataTable
                testId="backtest-hits"
                columns={[
                  "List",
                  ...detail.pooled.blocklist.listSizes.map((n) => ({
                    label: `Top ${formatCount(n)}`,
                    num: true as const,
                  })),
                ]}
              >
                {RANKERS.map((name) => (
                  <tr key={name} data-testid="backtest-hits-row" data-ranker={name}>
                    <td>{RANKER_LABELS[name]}</td>
                    {detail.pooled?.blocklist.hits[name].map((h, i) => (
                      <td key={i} className="num">
                        {formatCount(h)}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr data-ranker="max">
                  <td className="muted">Most possible</td>
                  {detail.pooled.blocklist.max.map((h, i) => (
                    <td key={i} className="num muted">
                      {formatCount(h)}
                    </td>
                  ))}
                </tr>
              </DataTable>
              <h2>Pooled</h2>
              <DataTable
                testId="backtest-pooled"
                columns={[
                  "Sources",
                  { label: "Rows", num: true },
                  { label: "AUC", num: true },
                  { label: "Sensitivity", num: true },
                  { label: "Specificity", num: true },
                  { label: "LR+", num: true },
                  { label: "Brier", num: true },
                  { label: "Calibration error", num: true },
                ]}
              >
                {(
                  [
                    ["All", detail.pooled.all],
                    ["Never seen before the day", detail.pooled.neverSeen],
                  ] as const
                ).map(([label, m]) => (
                  <tr key={label}>
                    <td>{label}</td>
                    <td className="num">{formatCount(m.rows)}</td>
                    <td className="num">{fmt3(m.auc)}</td>
                    <td className="num">{fmtPct(m.sensitivity)}</td>
                    <td className="num">{fmtPct(m.specificity)}</td>
                    <td className="num">{fmtLr(m.lrPlus, m.specificity)}</td>
                    <td className="num">{fmt3(m.brier)}</td>
                    <td className="num">{fmt3(m.calibrationError)}</td>
                  </tr>
                ))}
              </DataTable>
              <div className="chart-grid">
                <ReliabilityChart
                  bins={detail.pooled.reliability}
                  note={`all sources; Brier ${fmt3(detail.pooled.all.brier)}`}
                />
              </div>
            </>
          )}
        </>
      )}
    </>
  );
}
