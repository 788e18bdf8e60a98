import type { TAbuseView } from "@mlsec/db";
import { formatCount, formatDateTime } from "@/lib/format.ts";

/** The last 24 hours of failed sign-ins and rate-limit hits, by client address and by tenant. */
export function AbuseTables({ abuse }: { abuse: TAbuseView }) {
  return (
    <>
      <h3>By address</h3>
      <div className="table-wrap">
        <table data-testid="abuse-by-address" className="compact">
          <thead>
            <tr>
              <th>Address</th>
              <th>Failed sign-ins</th>
              <th>Rate-limit hits</th>
              <th>Tenants</th>
              <th>Accounts or limits</th>
              <th>Last</th>
            </tr>
          </thead>
          <tbody>
            {abuse.byAddress.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  Nothing in the last 24 hours.
                </td>
              </tr>
            )}
            {abuse.byAddress.map((a) => (
              <tr key={a.address ?? ""}>
                <td className="mono">{a.address ?? "(none: API key or upload limit)"}</td>
                <td>{formatCount(a.failedSignIns)}</td>
                <td>{formatCount(a.rateLimitHits)}</td>
                <td>{formatCount(a.tenants)}</td>
                <td>{formatCount(a.targets)}</td>
                <td>{formatDateTime(a.lastAt.toISOString())}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>By tenant</h3>
      <div className="table-wrap">
        <table data-testid="abuse-by-tenant" className="compact">
          <thead>
            <tr>
              <th>Tenant</th>
              <th>Failed sign-ins</th>
              <th>Rate-limit hits</th>
              <th>Addresses</th>
              <th>Last</th>
            </tr>
          </thead>
          <tbody>
            {abuse.byTenant.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  Nothing in the last 24 hours.
                </td>
              </tr>
            )}
            {abuse.byTenant.map((t) => (
              <tr key={t.tenantId}>
                <td title={t.tenantId}>{t.tenantName}</td>
                <td>{formatCount(t.failedSignIns)}</td>
                <td>{formatCount(t.rateLimitHits)}</td>
                <td>{formatCount(t.addresses)}</td>
                <td>{formatDateTime(t.lastAt.toISOString())}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
