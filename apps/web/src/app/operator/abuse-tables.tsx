import type { TAbuseView } from "@mlsec/db";
import { formatCount, formatDateTime } from "@/lib/format.ts";
import { DataTable } from "@/components/data-table.tsx";

/** The last 24 hours of failed sign-ins and rate-limit hits, by client address and by tenant. */
export function AbuseTables({ abuse }: { abuse: TAbuseView }) {
  return (
    <>
      <h3>By address</h3>
      <DataTable
        testId="abuse-by-address"
        compact
        empty={abuse.byAddress.length === 0 && "Nothing in the last 24 hours."}
        columns={["Address", "Failed sign-ins", "Rate-limit hits", "Tenants", "Accounts or limits", "Last"]}
      >
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
      </DataTable>
      <h3>By tenant</h3>
      <DataTable
        testId="abuse-by-tenant"
        compact
        empty={abuse.byTenant.length === 0 && "Nothing in the last 24 hours."}
        columns={["Tenant", "Failed sign-ins", "Rate-limit hits", "Addresses", "Last"]}
      >
        {abuse.byTenant.map((t) => (
          <tr key={t.tenantId}>
            <td title={t.tenantId}>{t.tenantName}</td>
            <td>{formatCount(t.failedSignIns)}</td>
            <td>{formatCount(t.rateLimitHits)}</td>
            <td>{formatCount(t.addresses)}</td>
            <td>{formatDateTime(t.lastAt.toISOString())}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
