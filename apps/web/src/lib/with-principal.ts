import { ConflictError, isDatabaseBusy, NotFoundError } from "@mlsec/db";
import { authenticateRequest, type TPrincipal, type TScope } from "./authenticate-request.ts";
import { jsonError } from "./json-error.ts";
import { limitApiKey } from "./rate-limits.ts";
import {
  BodyTooLargeError,
  declaredTooLarge,
  JSON_BODY_LIMIT,
  UnstorableTextError,
} from "./read-json-body.ts";

type THandler<C> = (req: Request, principal: TPrincipal, ctx: C) => Promise<Response>;

/**
 * Wraps an API route: authenticates (401), checks the scope or role (403), and maps a tenant-scoped
 * NotFoundError to 404 so another tenant's id and an unknown id answer the same (ConflictError: 409).
 */
export function withPrincipal<C>(
  scope: TScope,
  handler: THandler<C>,
  /** "stream": the route streams its body under its own limit (uploads); otherwise JSON_BODY_LIMIT. */
  opts: { body?: "json" | "stream" } = {},
): (req: Request, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    // Before authentication: an oversized body costs nothing but this header check.
    if (opts.body !== "stream" && declaredTooLarge(req)) return tooLarge(JSON_BODY_LIMIT);
    const principal = await authenticateRequest(req);
    if (!principal) {
      return jsonError(
        401,
        "missing, unknown or revoked credentials",
        {},
        { "WWW-Authenticate": 'Bearer realm="mlsec"' },
      );
    }
    // Every authenticated call of a key counts, allowed or not: a key that hammers forbidden routes
    // is as much abuse as one that hammers allowed ones.
    const limited = await limitApiKey(principal);
    if (limited) return limited;
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
      if (err instanceof BodyTooLargeError) return tooLarge(err.limit);
      if (err instanceof UnstorableTextError) return jsonError(400, err.message);
      // Every pooled connection stayed busy past DATABASE_TX_MAX_WAIT_MS: the client may retry.
      if (isDatabaseBusy(err))
        return jsonError(503, "the database is busy; retry shortly", {}, { "Retry-After": "2" });
      console.error(`[api] ${req.method} ${new URL(req.url).pathname}:`, err);
      return jsonError(500, "internal error");
    }
  };
}

/** 413 for a JSON body over the limit, saying the limit. */
export function tooLarge(limit: number): Response {
  return jsonError(413, `request body larger than ${limit} bytes`, { limit });
}
