import Link from "next/link";
import { AUDIT_ACTIONS, listAudit } from "@mlsec/db";
import { actorNames } from "@/lib/actor-names.ts";
import { ZAuditPageQuery } from "@/lib/api-schemas.ts";
import { formatDateTime } from "@/lib/format.ts";
import { requireScope } from "@/lib/require-scope.ts";
import { DataTable } from "@/components/data-table.tsx";

const PAGE = 100;

/** The organisation's audit log, newest first, filtered by action and paged by time. Owners and admins. */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireScope("manage");
  const query = ZAuditPageQuery.parse(await searchParams);
  const [events, names] = await Promise.all([
    listAudit({
      tenantId: user.tenantId,
      ...(query.action ? { action: query.action } : {}),
      ...(query.before ? { before: new Date(query.before) } : {}),
      take: PAGE,
    }),
    actorNames(user.tenantId),
  ]);
  const last = events.at(-1);
  const older = new URLSearchParams({
    ...(query.action ? { action: query.action } : {}),
    ...(last ? { before: last.createdAt.toISOString() } : {}),
  });
  return (
    <>
      <h1>Audit log</h1>
      <form className="inline-form" method="get">
        <label>
          Action
          <select name="action" defaultValue={query.action ?? ""}>
            <option value="">all</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <h2>Events</h2>
      <DataTable
        testId="audit-table"
        compact
        empty={events.length === 0 && 'Nothing recorded{query.action ? ` for ${query.action}` : ""}.'}
        columns={["When", "Who", "Action", "Target", "Detail"]}
      >
        {events.map((e) => (
          <tr key={e.id}>
            <td>{formatDateTime(e.createdAt.toISOString())}</td>
            <td>{names.get(e.actor) ?? e.actor}</td>
            <td className="mono">{e.action}</td>
            <td className="mono clip" title={e.target}>
              {names.get(e.target) ?? (e.target || "—")}
            </td>
            <td className="mono clip wide" title={JSON.stringify(e.detail)}>
              {JSON.stringify(e.detail)}
            </td>
          </tr>
        ))}
      </DataTable>
      {events.length === PAGE && (
        <p className="pager">
          <Link href={`/audit?${older.toString()}`}>Older events</Link>
        </p>
      )}
    </>
  );
}
