import { resolveApiKey } from "@mlsec/db";
import { PORTAL_REQUEST_HEADER } from "./portal-header.ts";
import { getPortalUser } from "./require-session.ts";

export type TScope = "upload" | "read";
export type TPrincipal = { tenantId: string; scopes: readonly string[]; via: "api-key" | "session" };

const ROLE_SCOPES: Record<string, readonly TScope[]> = {
  owner: ["upload", "read"],
  admin: ["upload", "read"],
  analyst: ["upload", "read"],
  viewer: ["read"],
};

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
    return principal ? { tenantId: principal.tenantId, scopes: principal.scopes, via: "api-key" } : null;
  }
  // Cookie-authenticated writes must come from the portal's own scripts (CSRF).
  if (req.method !== "GET" && req.method !== "HEAD" && req.headers.get(PORTAL_REQUEST_HEADER) !== "1")
    return null;
  const user = await getPortalUser();
  if (!user) return null;
  return { tenantId: user.tenantId, scopes: ROLE_SCOPES[user.role] ?? [], via: "session" };
}
