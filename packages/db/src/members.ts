import { withTenant } from "./with-tenant.ts";
import { ConflictError, NotFoundError } from "./errors.ts";
import type { TRole } from "./invitations.ts";

/**
 * Changes a member's role. Another tenant's member answers NotFound; taking the owner role from
 * the tenant's last owner is refused, so an organisation cannot lock itself out.
 */
export async function setMemberRole(opts: { tenantId: string; userId: string; role: TRole }) {
  return withTenant(opts.tenantId, async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: opts.tenantId, userId: opts.userId } },
    });
    if (!membership) throw new NotFoundError("member");
    if (membership.role === "owner" && opts.role !== "owner") {
      const owners = await tx.membership.count({ where: { tenantId: opts.tenantId, role: "owner" } });
      if (owners <= 1) throw new ConflictError("the last owner cannot be demoted");
    }
    const updated = await tx.membership.update({
      where: { id: membership.id },
      data: { role: opts.role },
    });
    // Sessions issued before a role change end (session rotation): the member signs in again and
    // gets a session of the new role, and a stolen older session does not outlive the change.
    if (opts.role !== membership.role)
      await tx.user.update({ where: { id: opts.userId }, data: { sessionVersion: { increment: 1 } } });
    return { userId: updated.userId, role: updated.role, previousRole: membership.role };
  });
}

export async function listMembers(tenantId: string) {
  return withTenant(tenantId, async (tx) => {
    const rows = await tx.membership.findMany({
      where: { tenantId },
      orderBy: { createdAt: "asc" },
      include: { user: { select: { email: true, name: true } } },
    });
    return rows.map((m) => ({
      userId: m.userId,
      email: m.user.email,
      name: m.user.name,
      role: m.role,
      createdAt: m.createdAt,
    }));
  });
}

/**
 * Removes a member from the tenant (their account stays, as it may belong to other organisations).
 * Another tenant's member answers NotFound; the last owner cannot be removed.
 */
export async function removeMember(opts: { tenantId: string; userId: string }) {
  return withTenant(opts.tenantId, async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: opts.tenantId, userId: opts.userId } },
    });
    if (!membership) throw new NotFoundError("member");
    if (membership.role === "owner") {
      const owners = await tx.membership.count({ where: { tenantId: opts.tenantId, role: "owner" } });
      if (owners <= 1) throw new ConflictError("the last owner cannot be removed");
    }
    await tx.membership.delete({ where: { id: membership.id } });
    return { userId: membership.userId, role: membership.role };
  });
}
