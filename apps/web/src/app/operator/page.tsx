import { operatorAbuse, operatorJobs } from "@mlsec/pipeline/operator";
import { ZOperatorJobsQuery } from "@/lib/api-schemas/operator.ts";
import { operatorThresholds } from "@/lib/operator-thresholds.ts";
import { getQueues } from "@/lib/queues.ts";
import { requireOperatorPage } from "@/lib/require-operator.ts";
import { AbuseTables } from "./abuse-tables.tsx";
import { JobTable } from "./job-table.tsx";

export const dynamic = "force-dynamic";

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * The platform operator's view (issues #19, #20): every tenant's failed and stuck jobs with retry
 * and cancel, and abuse across tenants. Anyone but a platform operator gets the not-found page.
 */
export default async function OperatorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const operator = await requireOperatorPage();
  const raw = await searchParams;
  // A bad threshold in a hand-edited link falls back to the defaults rather than an error page.
  const parsed = ZOperatorJobsQuery.safeParse({
    activeOverMinutes: one(raw.activeOverMinutes),
    waitingOverMinutes: one(raw.waitingOverMinutes),
  });
  const thresholds = operatorThresholds(parsed.success ? parsed.data : {});
  const [jobs, abuse] = await Promise.all([
    operatorJobs(operator, getQueues(), thresholds),
    operatorAbuse(operator),
  ]);
  const done = one(raw.done);
  const failed = one(raw.failed);
  const job = one(raw.job);
  return (
    <>
      <h1>Platform operator</h1>
      <p className="muted">
        Signed in as {operator.email}. This page shows every organisation; what you retry or cancel is
        recorded in that organisation&apos;s audit log as operator:{operator.email}.
      </p>
      {done && job && (
        <p className="ok-text" role="status" data-testid="operator-notice">
          Job {job} {done === "retried" ? "queued again" : "cancelled"}.
        </p>
      )}
      {failed && (
        <p className="error" role="alert" data-testid="operator-error">
          {failed}
        </p>
      )}
      <h2>Failed and stuck jobs</h2>
      <form className="inline-form" method="get">
        <label>
          Running longer than (minutes)
          <input
            type="number"
            name="activeOverMinutes"
            min={0}
            step="any"
            defaultValue={thresholds.activeOverMs / 60_000}
          />
        </label>
        <label>
          Waiting longer than (minutes)
          <input
            type="number"
            name="waitingOverMinutes"
            min={0}
            step="any"
            defaultValue={thresholds.waitingOverMs / 60_000}
          />
        </label>
        <button type="submit">Show</button>
      </form>
      <JobTable jobs={jobs} />
      <h2>Abuse across organisations, last 24 hours</h2>
      <p className="muted">Failed sign-ins and rate-limit hits from every organisation&apos;s audit log.</p>
      <AbuseTables abuse={abuse} />
    </>
  );
}
