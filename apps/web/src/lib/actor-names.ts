import { listApiKeys, listMembers } from "@mlsec/db";

/**
 * Display names for the ids verdicts and the audit log store as actors: members by email, API keys
 * by name. Only this tenant's members and keys are read, so another tenant's id stays an id.
 */
export async function actorNames(tenantId: string): Promise<Map<string, string>> {
  const [members, keys] = await Promise.all([listMembers(tenantId), listApiKeys(tenantId)]);
  return new Map<string, string>([
    ...members.map((m) => [m.userId, m.email] as const),
    ...keys.map((k) => [k.id, `API key "${k.name}"`] as const),
  ]);
}
