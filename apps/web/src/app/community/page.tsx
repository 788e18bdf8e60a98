import { communityView } from "@/lib/community-view.ts";
import { requireScope } from "@/lib/require-scope.ts";
import { ContributeToggle } from "./contribute-toggle.tsx";
import { FeedCharts } from "./feed-charts.tsx";
import { DataTable } from "@/components/data-table.tsx";

/**
 * Community intelligence: the tenant's consent to the pool (owners and admins), what the pool holds
 * after the k filter, and the quality of the public feeds in it (tiq-test style).
 */
export default async function CommunityPage() {
  const user = await requireScope("manage");
  const view = await communityView(user.tenantId);
  const summary = view.lastRun?.summary ?? null;
  return (
    <>
      <h1>Community intelligence</h1>
      <p className="muted">
        One organisation sees a sliver of the internet; the pool lets every tenant&apos;s model see what the
        others saw. Contributing is off until you switch it on. What is shared: for each day, the source
        addresses your logs ranked bad (a blocked or alerted attempt on a watched port, a port scan, repeated
        authentication failures), under a random pseudonym. Never shared: destination addresses, sensor names,
        ports, counts, raw lines, or your organisation&apos;s name. An address, /24, /16 or AS only enters the
        community view once at least {summary?.view.minContributors ?? 3} organisations reported it, and no
        single organisation can move a neighbourhood&apos;s rank by more than a fixed bound. Your own
        contributions are left out of your own model&apos;s community features. Every organisation,
        contributing or not, gets the community features; switching off deletes everything you gave at once.
      </p>
      <ContributeToggle contribute={view.contribute} />

      <h2>The pool</h2>
      {summary ? (
        <table data-testid="community-summary">
          <tbody>
            <tr>
              <th>As of</th>
              <td>{summary.asOf}</td>
            </tr>
            <tr>
              <th>Contributing organisations</th>
              <td>{summary.pool.tenants}</td>
            </tr>
            <tr>
              <th>Public feeds</th>
              <td>{summary.pool.feeds}</td>
            </tr>
            <tr>
              <th>Addresses in the community view</th>
              <td>{summary.view.ips}</td>
            </tr>
            <tr>
              <th>Addresses held back (fewer than k reporters)</th>
              <td>{summary.view.ipsHidden}</td>
            </tr>
            <tr>
              <th>Neighbourhoods / ASes in the view</th>
              <td>
                {summary.view.nets} / {summary.view.as}
              </td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="muted" data-testid="community-summary-empty">
          The community job has not run yet (it runs daily at 02:00 UTC).
        </p>
      )}

      <h2>Public feeds</h2>
      <DataTable testId="community-feeds" columns={["Feed", "Weight", "Entries", "Imported", "Licence"]}>
        {view.feeds.map((f) => (
          <tr key={f.id}>
            <td>
              <a href={f.source}>{f.name}</a>
            </td>
            <td>{f.weight}</td>
            <td>{f.entries}</td>
            <td>{f.importedAt?.slice(0, 10) ?? "never"}</td>
            <td>{f.licence}</td>
          </tr>
        ))}
      </DataTable>
      {summary && summary.feeds.sources.length > 0 && (
        <>
          <h2>Feed quality</h2>
          <FeedCharts feeds={summary.feeds} />
        </>
      )}
    </>
  );
}
