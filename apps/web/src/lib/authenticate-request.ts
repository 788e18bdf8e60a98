import { resolveApiKey, type TRole } from "@mlsec/db";
import { PORTAL_REQUEST_HEADER } from "./portal-header.ts";
import { getPortalUser } from "./require-session.ts";

/**
 * What a route needs. upload/read/feedback are API key scopes; "manage" (keys, members, audit)
 * is never a key scope: only a signed-in owner or admin has it, so a leaked key cannot mint keys.
 */
export type TScope = "upload" | "read" | "feedback" | "export" | "manage";
export type TPrincipal = {
  tenantId: string;
  scopes: readonly string[];
  via: "api-key" | "session";
  /** The member's role for a session; null for an API key (its scopes say what it may do). */
  role: TRole | null;
  /** Who acts, for verdicts and the audit log. */
  actor: { userId: string } | { apiKeyId: string };
};

/**
 * Roles: viewers only read; analysts also upload and give verdicts; admins and owners manage and
 * export the whole tenant (members, audit log and all, which "read" does not reach).
 */
export const ROLE_SCOPES: Record<TRole, readonly TScope[]> = {
  owner: ["upload", "read", "feedback", "export", "manage"],
  admin: ["upload", "read", "feedback", "export", "manage"],
  analyst: ["upload", "read", "feedback"],
  viewer: ["read"],
};

const isRole = (role: string): role is TRole => role in ROLE_SCOPES;

/** Whether a member's role grants a scope: pages, nav links and buttons ask this, the API the same table. */
export const roleHasScope = (role: string, scope: TScope): boolean =>
  isRole(role) && ROLE_SCOPES[role].includes(scope);

/** The actor's id as one string (user id or API key id), as the audit log stores it. */
export const actorOf = (p: TPrincipal): string => ("userId" in p.actor ? p.actor.userId : p.actor.apiKeyId);

/**
 * Who is calling: an API key when an Authorization header is sent (and then only the key counts,
 * a bad key never falls back to the cookie), otherwise the portal session.
 */
export async function authenticateRequest(req: Request): Promise<TPrincipal | null> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const key = match?.[1];
    if (!key) return null;
    const principal = await resolveApiKey(key);
    return principal
      ? {
          tenantId: principal.tenantId,
          scopes: principal.scopes.filter((s) => s !== "manage"),
          via: "api-key",
          role: null,
          actor: { apiKeyId: principal.keyId },
        }
      : null;
  }
  // Cookie-authenticated writes must come from the portal's own scripts (CSRF).
  if (req.method !== "GET" && req.method !== "HEAD" && req.headers.get(PORTAL_REQUEST_HEADER) !== "1")
    return null;
  const user = await getPortalUser();
  if (!user || !isRole(user.role)) return null;
  return {
    tenantId: user.tenantId,
    scopes: ROLE_SCOPES[user.role],
    via: "session",
    role: user.role,
    actor: { userId: user.userId },
  };
}
