import { listListEntries } from "@mlsec/db";
import { ActionButton } from "@/components/action-button.tsx";
import { StatusBadge } from "@/components/status-badge.tsx";
import { actorNames } from "@/lib/actor-names.ts";
import { formatDateTime } from "@/lib/format.ts";
import { requireScope } from "@/lib/require-scope.ts";
import { AddListEntryForm } from "./add-list-entry-form.tsx";
import { DataTable } from "@/components/data-table.tsx";

/**
 * Allow- and block-list entries (IP, CIDR or AS) with reason and optional expiry, applied at scoring
 * and export. Managed by the roles that may give verdicts (the same "feedback" scope as the API).
 */
export default async function ListsPage() {
  const user = await requireScope("feedback");
  const [entries, names] = await Promise.all([listListEntries(user.tenantId), actorNames(user.tenantId)]);
  const now = Date.now();
  return (
    <>
      <h1>Allow and block lists</h1>
      <p className="muted">
        An allowlisted address is never flagged; a blocklisted one always is, whatever its score. Entries
        apply to the next reports, the IP page and every export; an expired entry is kept here but no longer
        applies.
      </p>
      <AddListEntryForm />
      <h2>Entries</h2>
      <DataTable
        testId="list-table"
        empty={entries.length === 0 && "No entries."}
        columns={["List", "Value", "Reason", "Expires", "Added", ""]}
      >
        {entries.map((e) => {
          const expired = e.expiresAt !== null && e.expiresAt.getTime() <= now;
          return (
            <tr key={e.id}>
              <td>
                <StatusBadge value={e.kind} />
              </td>
              <td className="mono">{e.value}</td>
              <td>{e.reason || "—"}</td>
              <td>
                {e.expiresAt ? formatDateTime(e.expiresAt.toISOString()) : "never"}
                {expired ? " (expired)" : ""}
              </td>
              <td>
                {formatDateTime(e.createdAt.toISOString())} by {names.get(e.createdBy) ?? "someone gone"}
              </td>
              <td>
                <ActionButton
                  path={`/api/v1/lists/${encodeURIComponent(e.id)}`}
                  label="Remove"
                  confirmText={`Remove ${e.value} from the ${e.kind} list?`}
                />
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
