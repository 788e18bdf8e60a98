import { z } from "zod";
import { acceptInvitation, NotFoundError, ConflictError, recordAudit } from "@mlsec/db";
import { jsonError } from "@/lib/json-error.ts";

const ZAccept = z.object({
  token: z.string().min(10).max(200),
  password: z.string().min(8).max(200).optional(),
  name: z.string().max(100).optional(),
});

/**
 * POST /api/v1/invitations/accept {"token","password"?,"name"?}: no sign-in needed, the token is
 * the credential. An existing account joins the organisation; a new one is created with the password.
 * Unknown, used and expired tokens answer 404 alike.
 */
export async function POST(req: Request): Promise<Response> {
  const parsed = ZAccept.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return jsonError(400, "invalid request", { issues: z.flattenError(parsed.error) });
  try {
    const joined = await acceptInvitation(parsed.data);
    await recordAudit({
      tenantId: joined.tenantId,
      actor: joined.userId,
      action: "member.join",
      target: joined.email,
      detail: { role: joined.role },
    });
    return Response.json(
      { tenantId: joined.tenantId, role: joined.role, email: joined.email },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (err) {
    if (err instanceof NotFoundError) return jsonError(404, "invitation not found, used or expired");
    if (err instanceof ConflictError) return jsonError(409, err.message);
    throw err;
  }
}
