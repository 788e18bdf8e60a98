import { getServerSession } from "next-auth";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ConflictError, getSessionOperator, NotFoundError, type TPlatformOperator } from "@mlsec/db";
import { getAuthOptions, ZSessionClaims } from "./auth-options.ts";
import { jsonError } from "./json-error.ts";
import { PORTAL_REQUEST_HEADER } from "./portal-header.ts";
import { getWebEnv } from "./web-env.ts";

/**
 * The platform operator behind this request's session, or null. Separate from tenant roles: the
 * flag is the account's (User.platformOperator, set only by infra/operator.ts) and is read from
 * the database on every request, so a revoke ends access at the next one. API keys never carry it.
 */
export const getPortalOperator = cache(async function getPortalOperator(): Promise<TPlatformOperator | null> {
  const session = await getServerSession(getAuthOptions());
  const claims = ZSessionClaims.safeParse(session?.user);
  if (!claims.success) return null;
  return getSessionOperator(claims.data.userId, claims.data.sv);
});

/** For the operator's pages: anyone else gets the not-found page, as for a page that does not exist. */
export async function requireOperatorPage(): Promise<TPlatformOperator> {
  const operator = await getPortalOperator();
  if (!operator) notFound();
  return operator;
}

/** A plain HTML form's post (the operator page's buttons work without JavaScript). */
export const isFormPost = (req: Request): boolean =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(req.headers.get("content-type") ?? "");

/**
 * A cookie-authenticated write must come from the portal: its scripts send the portal header, and a
 * plain form post carries the browser's Origin, which must be the portal's own (CSRF; SameSite=Lax
 * already keeps the cookie off a cross-site post).
 */
function fromPortal(req: Request): boolean {
  if (req.method === "GET" || req.method === "HEAD") return true;
  if (req.headers.get(PORTAL_REQUEST_HEADER) === "1") return true;
  const origin = req.headers.get("origin");
  return (
    origin !== null &&
    (origin === new URL(getWebEnv().NEXTAUTH_URL).origin || origin === new URL(req.url).origin)
  );
}

type THandler<C> = (req: Request, operator: TPlatformOperator, ctx: C) => Promise<Response>;

/**
 * Wraps an operator route: a request with an API key, without a session, or from a user who is not
 * a platform operator answers 404, as an unknown route does, so the routes do not even show they
 * exist. Errors are mapped as withPrincipal maps them.
 */
export function withOperator<C>(handler: THandler<C>): (req: Request, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    if (req.headers.get("authorization") !== null) return jsonError(404, "not found");
    const operator = await getPortalOperator();
    if (!operator) return jsonError(404, "not found");
    if (!fromPortal(req)) return jsonError(403, "cross-site request refused");
    try {
      return await handler(req, operator, ctx);
    } catch (err) {
      if (err instanceof NotFoundError) return jsonError(404, "not found");
      if (err instanceof ConflictError) return jsonError(409, err.message);
      console.error(`[operator] ${req.method} ${new URL(req.url).pathname}:`, err);
      return jsonError(500, "internal error");
    }
  };
}
