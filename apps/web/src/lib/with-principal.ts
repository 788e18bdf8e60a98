import { ConflictError, NotFoundError } from "@mlsec/db";
import { authenticateRequest, type TPrincipal, type TScope } from "./authenticate-request.ts";
import { jsonError } from "./json-error.ts";

type THandler<C> = (req: Request, principal: TPrincipal, ctx: C) => Promise<Response>;

/**
 * Wraps an API route: authenticates (401), checks the scope or role (403), and maps a tenant-scoped
 * NotFoundError to 404 so another tenant's id and an unknown id answer the same (ConflictError: 409).
 */
export function withPrincipal<C>(
  scope: TScope,
  handler: THandler<C>,
): (req: Request, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    const principal = await authenticateRequest(req);
    if (!principal) {
      return jsonError(
        401,
        "missing, unknown or revoked credentials",
        {},
        { "WWW-Authenticate": 'Bearer realm="mlsec"' },
      );
    }
    if (!principal.scopes.includes(scope))
      return jsonError(
        403,
        principal.role
          ? `the ${principal.role} role may not do this (needs "${scope}")`
          : `these credentials lack the "${scope}" scope`,
      );
    try {
      return await handler(req, principal, ctx);
    } catch (err) {
      if (err instanceof NotFoundError) return jsonError(404, "not found");
      if (err instanceof ConflictError) return jsonError(409, err.message);
      console.error(`[api] ${req.method} ${new URL(req.url).pathname}:`, err);
      return jsonError(500, "internal error");
    }
  };
}
