import Link from "next/link";
import { notFound } from "next/navigation";
import { loadIpEvents, loadIpHistory, loadIpProvenance } from "@mlsec/pipeline/ips";
import { VerdictForm } from "@/components/verdict-form.tsx";
import { roleHasScope } from "@/lib/authenticate-request.ts";
import { canonicalIp } from "@/lib/canonical-ip.ts";
import { loadIpView } from "@/lib/ip-view.ts";
import { findRecentReportRows } from "@/lib/recent-report-rows.ts";
import { requireSession } from "@/lib/require-session.ts";
import { DayVerdicts } from "./day-verdicts.tsx";
import { eventNoticeText } from "./event-notice.ts";
import { IpSummary } from "./ip-summary.tsx";
import { NeighbourhoodTable } from "./neighbourhood-table.tsx";
import { RankHistory } from "./rank-history.tsx";
import { SampledEvents } from "./sampled-events.tsx";
import { VerdictHistory } from "./verdict-history.tsx";
import { WhyListed } from "./why-listed.tsx";

/** One address as the tenant sees it: latest score and reasons, rank over time, its /24, verdicts. */
export default async function IpPage({
  params,
  searchParams,
}: {
  params: Promise<{ ip: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSession();
  const query = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  const ip = canonicalIp((await params).ip);
  if (!ip) notFound();
  const history = await loadIpHistory({ tenantId: user.tenantId, ip });
  const rows = await findRecentReportRows(user.tenantId, [ip, ...history.neighbours.map((n) => n.ip)]);
  const view = await loadIpView(user.tenantId, ip, rows.get(ip) ?? null);
  const why = await loadIpProvenance({ tenantId: user.tenantId, ip });
  const sampled = await loadIpEvents({ tenantId: user.tenantId, ip });
  return (
    <>
      <div className="row between">
        <h1 className="mono" data-testid="ip-heading">
          {ip}
        </h1>
        {history.network && <span className="muted">neighbourhood {history.network}</span>}
      </div>
      <IpSummary ip={ip} view={view} reported={rows.get(ip) ?? null} />
      <h2>Why listed</h2>
      <WhyListed why={why} />
      <h2>Rank history</h2>
      <p className="muted">
        Decayed rank as of each day (half-life{" "}
        {history.decay.kind === "exponential" ? history.decay.halfLifeDays : "—"} days): 1 for each day the
        address matched a behaviour cluster, halving every half-life. The neighbourhood line is the sum over
        its internet addresses divided by its size.
      </p>
      <RankHistory history={history} />
      <h2>Neighbourhood</h2>
      <NeighbourhoodTable history={history} rows={rows} />
      <h2>Days of this address</h2>
      <p className="muted">
        A verdict on one day relabels only that day of the address in the next training (&ldquo;that port-443
        burst was our own scanner&rdquo;); a verdict below the history applies to every day.
      </p>
      <DayVerdicts ip={ip} days={history.activeDays} canGive={roleHasScope(user.role, "feedback")} />
      <h2>Events behind this address</h2>
      <p className="muted">
        A verdict on one event relabels its day of the address in the next training, under the behaviour rule
        the event falls under that day; the history below names the event.
      </p>
      <SampledEvents
        ip={ip}
        days={sampled}
        canGive={roleHasScope(user.role, "feedback")}
        notice={eventNoticeText(query)}
      />
      <h2>Verdict history</h2>
      {roleHasScope(user.role, "feedback") && <VerdictForm ips={[ip]} />}
      <VerdictHistory tenantId={user.tenantId} ip={ip} />
      <p className="muted">
        <Link href="/">Back to uploads</Link>
      </p>
    </>
  );
}
