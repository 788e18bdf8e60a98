import { listApiKeys } from "@mlsec/db";
import { ActionButton } from "@/components/action-button.tsx";
import { formatDateTime } from "@/lib/format.ts";
import { requireScope } from "@/lib/require-scope.ts";
import { CreateKeyForm } from "./create-key-form.tsx";
import { DataTable } from "@/components/data-table.tsx";

/** API keys: create (the key is shown once), list with last use, revoke. Owners and admins. */
export default async function KeysPage() {
  const user = await requireScope("manage");
  const keys = await listApiKeys(user.tenantId);
  return (
    <>
      <h1>API keys</h1>
      <p className="muted">
        Keys let scripts and SIEMs call <code>/api/v1</code> as this organisation. Each key has scopes: upload
        logs, read reports and IPs, give verdicts. Only a hash is stored, so a key is shown once, when it is
        created.
      </p>
      <CreateKeyForm />
      <h2>Keys</h2>
      <DataTable
        testId="key-table"
        empty={keys.length === 0 && "No keys yet."}
        columns={["Name", "Key starts", "Scopes", "Created", "Last used", "Status", ""]}
      >
        {keys.map((k) => (
          <tr key={k.id} data-key-id={k.id}>
            <td>{k.name}</td>
            <td className="mono">{k.prefix}…</td>
            <td>{k.scopes.join(", ")}</td>
            <td>{formatDateTime(k.createdAt.toISOString())}</td>
            <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt.toISOString()) : "never"}</td>
            <td>{k.revokedAt ? `revoked ${formatDateTime(k.revokedAt.toISOString())}` : "active"}</td>
            <td>
              {!k.revokedAt && (
                <ActionButton
                  path={`/api/v1/keys/${encodeURIComponent(k.id)}`}
                  label="Revoke"
                  confirmText={`Revoke the key "${k.name}"? Anything using it stops working at once.`}
                />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
