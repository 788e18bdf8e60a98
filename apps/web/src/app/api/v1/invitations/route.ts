import { z } from "zod";
import { createInvitation, recordAudit, ROLES, type TRole } from "@mlsec/db";
import { actorOf } from "@/lib/authenticate-request.ts";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";

const ZInvite = z.object({ email: z.email(), role: z.enum(ROLES as [TRole, ...TRole[]]) });

/**
 * POST /api/v1/invitations {"email","role"}: owners and admins (only an owner invites an owner).
 * The answer carries the one-time token and the accept path to send by email; only its hash is kept.
 */
export const POST = withPrincipal("manage", async (req, principal) => {
  const parsed = ZInvite.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return jsonError(400, "invalid invitation", { issues: z.flattenError(parsed.error) });
  if (parsed.data.role === "owner" && principal.role !== "owner")
    return jsonError(403, "only an owner may invite an owner");
  const invitation = await createInvitation({ tenantId: principal.tenantId, ...parsed.data });
  await recordAudit({
    tenantId: principal.tenantId,
    actor: actorOf(principal),
    action: "member.invite",
    target: parsed.data.email,
    detail: { role: parsed.data.role, invitationId: invitation.id },
  });
  return Response.json(
    {
      id: invitation.id,
      token: invitation.token,
      acceptPath: `/invite/${invitation.token}`,
      expiresAt: invitation.expiresAt,
    },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
