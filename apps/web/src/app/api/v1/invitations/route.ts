import { z } from "zod";
import { ConflictError, createInvitation, listPendingInvitations } from "@mlsec/db";
import { enqueueInvitationEmail } from "@mlsec/jobs";
import { ZInvite } from "@/lib/api-schemas.ts";
import { jsonError } from "@/lib/json-error.ts";
import { getQueues } from "@/lib/queues.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { jsonOk } from "@/lib/json-ok.ts";
import { auditBy } from "@/lib/audit-by.ts";

/** GET /api/v1/invitations: invitations not yet accepted nor expired. Owners and admins. */
export const GET = withPrincipal("manage", async (_req, principal) =>
  jsonOk({ invitations: await listPendingInvitations(principal.tenantId) }),
);

/**
 * POST /api/v1/invitations {"email","role"}: owners and admins (only an owner invites an owner);
 * an address that is already a member answers 409.
 * The worker emails the accept link (when SMTP is configured); the answer also carries the one-time
 * token and the accept path, for delivering it another way. Only the token's hash is kept.
 */
export const POST = withPrincipal("manage", async (req, principal) => {
  const parsed = ZInvite.safeParse(await readJsonBody(req));
  if (!parsed.success) return jsonError(400, "invalid invitation", { issues: z.flattenError(parsed.error) });
  if (parsed.data.role === "owner" && principal.role !== "owner")
    return jsonError(403, "only an owner may invite an owner");
  let invitation;
  try {
    invitation = await createInvitation({ tenantId: principal.tenantId, ...parsed.data });
  } catch (err) {
    // A member's role changes only through PATCH /members, with its owner rules.
    if (err instanceof ConflictError) return jsonError(409, err.message);
    throw err;
  }
  await enqueueInvitationEmail(getQueues(), {
    tenantId: principal.tenantId,
    invitationId: invitation.id,
    token: invitation.token,
  });
  await auditBy(principal, {
    action: "member.invite",
    target: parsed.data.email,
    detail: { role: parsed.data.role, invitationId: invitation.id },
  });
  return jsonOk(
    {
      id: invitation.id,
      token: invitation.token,
      acceptPath: `/invite/${invitation.token}`,
      expiresAt: invitation.expiresAt,
      emailQueued: true,
    },
    { status: 201 },
  );
});
