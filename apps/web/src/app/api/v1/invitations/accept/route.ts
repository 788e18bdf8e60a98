import { getServerSession } from "next-auth";
import { z } from "zod";
import {
  acceptInvitation,
  isSessionCurrent,
  NotFoundError,
  ConflictError,
  recordAudit,
  SignInRequiredError,
  WeakPasswordError,
} from "@mlsec/db";
import { ZAccept } from "@/lib/api-schemas.ts";
import { getAuthOptions, ZSessionClaims } from "@/lib/auth-options.ts";
import { jsonError } from "@/lib/json-error.ts";
import { PORTAL_REQUEST_HEADER } from "@/lib/portal-header.ts";
import { BodyTooLargeError, readJsonBody, UnstorableTextError } from "@/lib/read-json-body.ts";
import { tooLarge } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

/**
 * The session's user, only for the portal's own scripts: a cookie sent along by another site's
 * form must not stand in for the account's consent (CSRF).
 */
async function signedInUserId(req: Request): Promise<string | undefined> {
  if (req.headers.get(PORTAL_REQUEST_HEADER) !== "1") return undefined;
  const claims = ZSessionClaims.safeParse((await getServerSession(getAuthOptions()))?.user);
  // A session ended by a role change proves nothing (session rotation).
  if (!claims.success || !(await isSessionCurrent(claims.data.userId, claims.data.sv))) return undefined;
  return claims.data.userId;
}

/**
 * POST /api/v1/invitations/accept {"token","password"?,"name"?}: the token is the credential for
 * a new address, which gets an account with the password. An address that already has an account
 * must prove it (signed in as it, or its password): 401 otherwise. An existing member answers 409
 * and keeps their role. Unknown, used and expired tokens answer 404 alike.
 */
export async function POST(req: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch (err) {
    // No sign-in is needed here, so this is the door the oversized bodies came through.
    if (err instanceof BodyTooLargeError) return tooLarge(err.limit);
    if (err instanceof UnstorableTextError) return jsonError(400, err.message);
    throw err;
  }
  const parsed = ZAccept.safeParse(body);
  if (!parsed.success) return jsonError(400, "invalid request", { issues: z.flattenError(parsed.error) });
  try {
    const userId = await signedInUserId(req);
    const joined = await acceptInvitation({ ...parsed.data, ...(userId ? { signedInUserId: userId } : {}) });
    await recordAudit({
      tenantId: joined.tenantId,
      actor: joined.userId,
      action: "member.join",
      target: joined.email,
      detail: { role: joined.role },
    });
    return jsonOk({ tenantId: joined.tenantId, role: joined.role, email: joined.email });
  } catch (err) {
    if (err instanceof NotFoundError) return jsonError(404, "invitation not found, used or expired");
    if (err instanceof SignInRequiredError) return jsonError(401, err.message);
    if (err instanceof ConflictError) return jsonError(409, err.message);
    if (err instanceof WeakPasswordError) return jsonError(400, err.message);
    throw err;
  }
}
