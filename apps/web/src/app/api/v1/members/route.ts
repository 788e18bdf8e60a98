import { listMembers } from "@mlsec/db";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

/** GET /api/v1/members: the organisation's members and roles. Owners and admins. */
export const GET = withPrincipal("manage", async (_req, principal) =>
  jsonOk({ members: await listMembers(principal.tenantId) }),
);
