import { recordAudit } from "@mlsec/db";
import { actorOf, type TPrincipal } from "./authenticate-request.ts";

type TAuditEntry = Omit<Parameters<typeof recordAudit>[0], "tenantId" | "actor">;

/** An audit row in the principal's organisation, with the principal (member or API key) as actor. */
export async function auditBy(principal: TPrincipal, entry: TAuditEntry): Promise<void> {
  await recordAudit({ tenantId: principal.tenantId, actor: actorOf(principal), ...entry });
}
