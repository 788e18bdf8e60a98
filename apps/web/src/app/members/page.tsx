import { listMembers, listPendingInvitations, ROLES } from "@mlsec/db";
import { ActionButton } from "@/components/action-button.tsx";
import { formatDateTime } from "@/lib/format.ts";
import { requireScope } from "@/lib/require-scope.ts";
import { InviteForm } from "./invite-form.tsx";
import { RoleSelect } from "./role-select.tsx";
import { DataTable } from "@/components/data-table.tsx";

/** Members and their roles: change a role, remove a member, invite by email. Owners and admins. */
export default async function MembersPage() {
  const user = await requireScope("manage");
  const [members, invitations] = await Promise.all([
    listMembers(user.tenantId),
    listPendingInvitations(user.tenantId),
  ]);
  return (
    <>
      <h1>Members</h1>
      <p className="muted">
        Viewers read reports and IPs; analysts also upload, give verdicts and edit the allow/block lists;
        admins and owners also manage keys, members, settings and read the audit log. Only an owner can make
        or remove an owner, and the last owner stays.
      </p>
      <DataTable testId="member-table" columns={["Email", "Name", "Role", "Member since", ""]}>
        {members.map((m) => (
          <tr key={m.userId} data-email={m.email}>
            <td>
              {m.email}
              {m.userId === user.userId ? " (you)" : ""}
            </td>
            <td>{m.name ?? "—"}</td>
            <td>
              <RoleSelect userId={m.userId} email={m.email} role={m.role} roles={ROLES} />
            </td>
            <td>{formatDateTime(m.createdAt.toISOString())}</td>
            <td>
              {m.userId !== user.userId && (
                <ActionButton
                  path={`/api/v1/members/${encodeURIComponent(m.userId)}`}
                  label="Remove"
                  confirmText={`Remove ${m.email} from the organisation?`}
                />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>Invite by email</h2>
      <InviteForm roles={ROLES} />
      {invitations.length > 0 && (
        <>
          <h2>Pending invitations</h2>
          <DataTable testId="invitation-table" compact columns={["Email", "Role", "Sent", "Expires", ""]}>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>{i.email}</td>
                <td>{i.role}</td>
                <td>{formatDateTime(i.createdAt.toISOString())}</td>
                <td>{formatDateTime(i.expiresAt.toISOString())}</td>
                <td>
                  <ActionButton
                    path={`/api/v1/invitations/${encodeURIComponent(i.id)}`}
                    label="Withdraw"
                    confirmText={`Withdraw the invitation of ${i.email}? Its link stops working.`}
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </>
  );
}
