-- The platform operator (issue #20 operator view, #19 abuse across tenants): a flag on the account,
-- apart from every tenant role. No API or portal route writes it: only the operator command run on
-- the server (infra/operator.ts, `npm run operator -- grant|revoke <email>`), so no tenant admin can
-- grant it and no sign-up can claim it by address. Everybody starts without it.
ALTER TABLE "User" ADD COLUMN "platformOperator" BOOLEAN NOT NULL DEFAULT false;

-- The operator's abuse view reads the last 24 hours of failed sign-ins and rate-limit hits of every
-- tenant: by action and time, not by tenant, so the (tenantId, createdAt) index does not serve it.
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");
