import Link from "next/link";
import type { TDashboard } from "@mlsec/pipeline/dashboard";
import { Sparkline } from "@/components/sparkline.tsx";
import { countryName } from "@/lib/country-name.ts";
import { formatCount, formatDateTime, formatScore } from "@/lib/format.ts";
import { DataTable } from "@/components/data-table.tsx";

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
            <DataTable compact columns={["Address", { label: "Score", num: true }, "Why", "AS", "Country"]}>
              {dashboard.topAddresses.map((a) => (
                <tr key={a.ip}>
                  <td>
                    <Link href={`/ips/${encodeURIComponent(a.ip)}`}>{a.ip}</Link>
                  </td>
                  <td className="num">{formatScore(a.score)}</td>
                  <td>{a.cluster}</td>
                  <td>
                    {a.asn === null ? "—" : <Link href={listedHref({ asn: String(a.asn) })}>AS{a.asn}</Link>}
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
            </DataTable>
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
        <DataTable
          compact
          columns={[
            "Day",
            { label: "Events", num: true },
            { label: "Sources", num: true },
            { label: "New sources", num: true },
            { label: "Flagged", num: true },
            { label: "New attackers", num: true },
          ]}
        >
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
        </DataTable>
      </details>
      <div className="cards">
        <section className="panel" data-testid="dashboard-models">
          <h2>
            <Link href="/models">Models</Link>
          </h2>
          {dashboard.models.length === 0 ? (
            <p className="muted">No model yet: the first upload trains one.</p>
          ) : (
            <DataTable
              compact
              columns={[
                "Version",
                "Status",
                { label: "AUC", num: true },
                { label: "Sensitivity", num: true },
                { label: "Specificity", num: true },
              ]}
            >
              {dashboard.models.slice(0, 8).map((m) => (
                <tr key={m.version}>
                  <td>v{m.version}</td>
                  <td>{m.status}</td>
                  <td className="num">{m.auc === null ? "—" : m.auc.toFixed(3)}</td>
                  <td className="num">{percent(m.sensitivity)}</td>
                  <td className="num">{percent(m.specificity)}</td>
                </tr>
              ))}
            </DataTable>
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
            <DataTable compact columns={["Feed", { label: "Pulls", num: true }, "Last pull"]}>
              {dashboard.feeds.map((f) => (
                <tr key={f.id}>
                  <td>
                    {f.name} <span className="muted">{f.revoked ? "revoked" : f.format}</span>
                  </td>
                  <td className="num">{formatCount(f.pulls)}</td>
                  <td>{f.lastPullAt ? formatDateTime(f.lastPullAt) : "never"}</td>
                </tr>
              ))}
            </DataTable>
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
        <DataTable
          compact
          columns={[
            "Where",
            { label: "Listed", num: true },
            { label: "Top score", num: true },
            "Events per day",
          ]}
        >
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
        </DataTable>
      )}
    </section>
  );
}
