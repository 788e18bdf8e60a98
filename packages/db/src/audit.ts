import { withTenant } from "./with-tenant.ts";
import type { Prisma } from "./generated/prisma/client.ts";

/** Audit actions; free text would drift, so the set is named here. */
export const AUDIT_ACTIONS = [
  "sign-in",
  "key.create",
  "key.revoke",
  "member.role",
  "member.invite",
  "member.uninvite",
  "member.join",
  "member.remove",
  "verdict",
  "list.add",
  "list.remove",
  "filter.save",
  "filter.delete",
  /** A member or key asked for a day-forward backtest run. */
  "backtest.request",
  "export",
  "settings.update",
  "feed.create",
  "feed.rotate",
  "feed.revoke",
  "feed.pull",
  "sign-in.failed",
  "rate-limit",
  "retention.purge",
  /** A platform operator retried or cancelled one of the tenant's jobs (actor operator:<email>). */
  "operator.retry",
  "operator.cancel",
] as const;
export type TAuditAction = (typeof AUDIT_ACTIONS)[number];

export async function recordAudit(opts: {
  tenantId: string;
  actor: string;
  action: TAuditAction;
  target?: string;
  detail?: Prisma.InputJsonObject;
}) {
  return withTenant(opts.tenantId, async (tx) => {
    return tx.auditEvent.create({
      data: {
        tenantId: opts.tenantId,
        actor: opts.actor,
        action: opts.action,
        target: opts.target ?? "",
        detail: opts.detail ?? {},
      },
    });
  });
}

/** The tenant's audit log, newest first; `before` pages by creation time. */
export async function listAudit(opts: {
  tenantId: string;
  action?: TAuditAction;
  before?: Date;
  take?: number;
}) {
  return withTenant(opts.tenantId, async (tx) => {
    return tx.auditEvent.findMany({
      where: {
        tenantId: opts.tenantId,
        ...(opts.action ? { action: opts.action } : {}),
        ...(opts.before ? { createdAt: { lt: opts.before } } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: Math.min(opts.take ?? 100, 1000),
    });
  });
}
