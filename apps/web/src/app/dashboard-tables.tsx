import Link from "next/link";
import type { TDashboard } from "@mlsec/pipeline/dashboard";
import { Sparkline } from "@/components/sparkline.tsx";
import { countryName } from "@/lib/country-name.ts";
import { formatCount, formatDateTime, formatScore } from "@/lib/format.ts";

const listedHref = (params: Record<string, string>) => `/listed?${new URLSearchParams(params).toString()}`;
const percent = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)} %`);

/** The dashboard's tables: per day, top addresses, networks, ASes and countries, models and feeds. */
export function DashboardTables({ dashboard }: { dashboard: TDashboard }) {
  return (
    <div className="stack">
      <div className="cards">
        <section className="panel" data-testid="top-addresses">
          <h2>Top listed addresses</h2>
          {dashboard.topAddresses.length === 0 ? (
            <p className="muted">Nothing listed to block.</p>
          ) : (
            <table className="compact">
              <thead>
                <tr>
                  <th>Address</th>
                  <th className="num">Score</th>
                  <th>Why</th>
                  <th>AS</th>
                  <th>Country</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.topAddresses.map((a) => (
                  <tr key={a.ip}>
                    <td>
                      <Link href={`/ips/${encodeURIComponent(a.ip)}`}>{a.ip}</Link>
                    </td>
                    <td className="num">{formatScore(a.score)}</td>
                    <td>{a.cluster}</td>
                    <td>
                      {a.asn === null ? (
                        "—"
                      ) : (
                        <Link href={listedHref({ asn: String(a.asn) })}>AS{a.asn}</Link>
                      )}
                    </td>
                    <td>
                      {a.country === null ? (
                        "—"
                      ) : (
                        <Link href={listedHref({ country: a.country })} title={countryName(a.country)}>
                          {a.country}
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <GroupTable
          title="Top networks"
          testId="top-networks"
          rows={dashboard.topNetworks.map((g) => ({
            ...g,
            label: g.key,
            href: listedHref({ cidr: g.key, bucket: "block" }),
          }))}
        />
        <GroupTable
          title="Top ASes"
          testId="top-ases"
          rows={dashboard.topAses.map((g) => ({
            ...g,
            key: String(g.asn),
            label: `AS${g.asn}`,
            href: listedHref({ asn: String(g.asn), bucket: "block" }),
          }))}
        />
        <GroupTable
          title="Top countries"
          testId="top-countries"
          rows={dashboard.topCountries.map((g) => ({
            ...g,
            key: g.country,
            label: `${countryName(g.country)} (${g.country})`,
            href: listedHref({ country: g.country, bucket: "block" }),
          }))}
        />
      </div>
      <details className="panel" data-testid="per-day">
        <summary>Per day</summary>
        <table className="compact">
          <thead>
            <tr>
              <th>Day</th>
              <th className="num">Events</th>
              <th className="num">Sources</th>
              <th className="num">New sources</th>
              <th className="num">Flagged</th>
              <th className="num">New attackers</th>
            </tr>
          </thead>
          <tbody>
            {[...dashboard.days].reverse().map((d) => (
              <tr key={d.day} data-day={d.day}>
                <td>{d.day}</td>
                <td className="num">{formatCount(d.events)}</td>
                <td className="num">{formatCount(d.sources)}</td>
                <td className="num">{formatCount(d.newSources)}</td>
                <td className="num">
                  <Link href={listedHref({ bucket: "block", day: d.day })}>{formatCount(d.flagged)}</Link>
                </td>
                <td className="num">{formatCount(d.newFlagged)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <div className="cards">
        <section className="panel" data-testid="dashboard-models">
          <h2>
            <Link href="/models">Models</Link>
          </h2>
          {dashboard.models.length === 0 ? (
            <p className="muted">No model yet: the first upload trains one.</p>
          ) : (
            <table className="compact">
              <thead>
                <tr>
                  <th>Version</th>
                  <th>Status</th>
                  <th className="num">AUC</th>
                  <th className="num">Sensitivity</th>
                  <th className="num">Specificity</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.models.slice(0, 8).map((m) => (
                  <tr key={m.version}>
                    <td>v{m.version}</td>
                    <td>{m.status}</td>
                    <td className="num">{m.auc === null ? "—" : m.auc.toFixed(3)}</td>
                    <td className="num">{percent(m.sensitivity)}</td>
                    <td className="num">{percent(m.specificity)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">Cross-validated on address folds when each version was trained.</p>
        </section>
        <section className="panel" data-testid="dashboard-feeds">
          <h2>
            <Link href="/feeds">Feeds</Link>
          </h2>
          {dashboard.feeds.length === 0 ? (
            <p className="muted">
              No feeds: <Link href="/feeds">connect a firewall</Link> to enforce what is listed.
            </p>
          ) : (
            <table className="compact">
              <thead>
                <tr>
                  <th>Feed</th>
                  <th className="num">Pulls</th>
                  <th>Last pull</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.feeds.map((f) => (
                  <tr key={f.id}>
                    <td>
                      {f.name} <span className="muted">{f.revoked ? "revoked" : f.format}</span>
                    </td>
                    <td className="num">{formatCount(f.pulls)}</td>
                    <td>{f.lastPullAt ? formatDateTime(f.lastPullAt) : "never"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}

function GroupTable({
  title,
  testId,
  rows,
}: {
  title: string;
  testId: string;
  rows: { key: string; label: string; href: string; listed: number; maxScore: number; events: number[] }[];
}) {
  return (
    <section className="panel" data-testid={testId}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">Nothing listed to block.</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th>Where</th>
              <th className="num">Listed</th>
              <th className="num">Top score</th>
              <th>Events per day</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td>{r.label}</td>
                <td className="num">
                  <Link href={r.href}>{formatCount(r.listed)}</Link>
                </td>
                <td className="num">{formatScore(r.maxScore)}</td>
                <td>
                  <Sparkline values={r.events} label={`${r.label} events per day`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
