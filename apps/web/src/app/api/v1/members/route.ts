import { listMembers } from "@mlsec/db";
import { withPrincipal } from "@/lib/with-principal.ts";

/** GET /api/v1/members: the organisation's members and roles. Owners and admins. */
export const GET = withPrincipal("manage", async (_req, principal) =>
  Response.json(
    { members: await listMembers(principal.tenantId) },
    { headers: { "Cache-Control": "no-store" } },
  ),
);
