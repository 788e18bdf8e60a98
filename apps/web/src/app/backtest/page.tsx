import Link from "next/link";
import { DEFAULT_BACKTEST_DAYS, MAX_BACKTEST_DAYS, tenantBacktests } from "@mlsec/pipeline/backtest";
import { DataTable } from "@/components/data-table.tsx";
import { FormError } from "@/components/form-error.tsx";
import { StatusBadge } from "@/components/status-badge.tsx";
import { roleHasScope } from "@/lib/authenticate-request.ts";
import { backtestListMetrics } from "@/lib/backtest-metrics.ts";
import { formatDateTime } from "@/lib/format.ts";
import { requireScope } from "@/lib/require-scope.ts";
import { runBacktestAction } from "./backtest-actions.ts";
import { backtestFormError } from "./backtest-form-errors.ts";

/**
 * Day-forward backtests of the organisation's model: the "Run backtest" form (analysts and above; a
 * plain form post, so it works before hydration too) and every run with its pooled numbers.
 */
export default async function BacktestPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireScope("read");
  const canRun = roleHasScope(user.role, "feedback");
  const [runs, search] = await Promise.all([tenantBacktests(user.tenantId), searchParams]);
  return (
    <>
      <h1>Backtest</h1>
      <p className="muted">
        For every day D of a range, a model is trained as the worker trains it but on the days before D only,
        then scores D&rsquo;s sources and benign addresses training never used. Its AUC, sensitivity,
        specificity, LR+ and Brier score show how the model would have done on D; its blocklist hits at 100,
        1,000 and 10,000 entries are compared with your own most active sources (LWOL), the community pool and
        feeds (GWOL), the decayed-presence heuristic and the plain feed. &ldquo;Malicious on D&rdquo; means
        D&rsquo;s traffic tripped one of your behaviour rules.
      </p>
      {canRun && (
        <section className="panel" data-testid="backtest-form">
          <h2>Run backtest</h2>
          <form action={runBacktestAction} className="inline-form">
            <label>
              First day
              <input name="from" type="date" />
            </label>
            <label>
              Last day
              <input name="to" type="date" />
            </label>
            <button type="submit">Run backtest</button>
          </form>
          <p className="muted">
            Leave both empty for the last {DEFAULT_BACKTEST_DAYS} days with data; at most {MAX_BACKTEST_DAYS}{" "}
            days, one run at a time.
          </p>
          <FormError error={backtestFormError(search.error)} />
        </section>
      )}
      <h2>Runs</h2>
      <DataTable
        testId="backtest-runs"
        columns={[
          "Requested",
          "Days",
          "Status",
          { label: "AUC", num: true },
          { label: "Sensitivity", num: true },
          { label: "Specificity", num: true },
          { label: "LR+", num: true },
          { label: "Brier", num: true },
        ]}
        {...(runs.length === 0 ? { empty: "No backtest yet." } : {})}
      >
        {runs.map((r) => {
          const m = backtestListMetrics(r.summary);
          return (
            <tr key={r.id} data-testid="backtest-run" data-id={r.id} data-status={r.status}>
              <td>
                <Link href={`/backtest/${r.id}`}>{formatDateTime(r.createdAt.toISOString())}</Link>
              </td>
              <td>
                {r.from} to {r.to}
              </td>
              <td>
                <StatusBadge value={r.status} />
              </td>
              <td className="num">{m.auc}</td>
              <td className="num">{m.sensitivity}</td>
              <td className="num">{m.specificity}</td>
              <td className="num">{m.lrPlus}</td>
              <td className="num">{m.brier}</td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
