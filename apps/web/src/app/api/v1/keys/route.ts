import { z } from "zod";
import { createApiKey, listApiKeys } from "@mlsec/db";
import { ZCreateKey } from "@/lib/api-schemas.ts";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { readJsonBody } from "@/lib/read-json-body.ts";
import { jsonOk } from "@/lib/json-ok.ts";
import { auditBy } from "@/lib/audit-by.ts";

/** GET /api/v1/keys: the tenant's keys (name, prefix, scopes, created, last used, revoked); never the key. Owners and admins. */
export const GET = withPrincipal("manage", async (_req, principal) =>
  jsonOk({ keys: await listApiKeys(principal.tenantId) }),
);

/** POST /api/v1/keys {"name","scopes":["upload","read","feedback"]}: the key is in this answer only. Owners and admins. */
export const POST = withPrincipal("manage", async (req, principal) => {
  const parsed = ZCreateKey.safeParse(await readJsonBody(req));
  if (!parsed.success) return jsonError(400, "invalid key request", { issues: z.flattenError(parsed.error) });
  const scopes = [...new Set(parsed.data.scopes)];
  const created = await createApiKey({ tenantId: principal.tenantId, name: parsed.data.name, scopes });
  await auditBy(principal, {
    action: "key.create",
    target: created.id,
    detail: { name: parsed.data.name, scopes },
  });
  return jsonOk(
    { id: created.id, name: parsed.data.name, scopes, key: created.key, prefix: created.key.slice(0, 12) },
    { status: 201 },
  );
});
