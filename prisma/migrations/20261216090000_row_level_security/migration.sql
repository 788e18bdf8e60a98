-- Row-level security (#19 "Isolation, twice"): the database enforces the tenant wall a second
-- time, under the app's own tenantId filters. Request paths run inside packages/db withTenant:
-- one transaction that does SET LOCAL ROLE mlsec_tenant and set_config('mlsec.tenant_id', ..., true).
-- Without that setting the role sees no row at all. docs/security.md explains the design.
--
-- Why no DO $$ ... $$ blocks: Prisma's pg driver adapter (the JavaScript schema engine this repo
-- migrates with, infra/prisma-migrate.mjs) splits a migration on every semicolon, comments and
-- dollar quotes included. So one helper runs a dynamic statement, its one-line body written as an
-- E'' string with the semicolon escaped as \073, and everything else is plain SQL calling it.
-- (No semicolon may appear in a comment here either.)
CREATE FUNCTION mlsec_rls_exec(stmt text) RETURNS void LANGUAGE plpgsql AS E'BEGIN EXECUTE stmt\073 END';

-- The role the wall binds. NOLOGIN: nobody connects as it, the app's user switches to it per
-- transaction. Roles are cluster-wide, so another database on the same server may have made it.
SELECT mlsec_rls_exec('CREATE ROLE mlsec_tenant NOLOGIN NOBYPASSRLS')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mlsec_tenant');

-- SET ROLE needs membership. A superuser has it implicitly, a production migration user needs the
-- grant (made here when the user may, or by the DBA beforehand: docs/security.md has the SQL).
SELECT mlsec_rls_exec(format('GRANT mlsec_tenant TO %I', current_user))
WHERE NOT pg_has_role(current_user, 'mlsec_tenant', 'MEMBER');

GRANT USAGE ON SCHEMA public TO mlsec_tenant;

-- Every table with a "tenantId" column gets the wall, found through information_schema so no table
-- that exists when this runs can be forgotten. ENABLE without FORCE, deliberately: the table owner
-- (the app's connection user) runs the system jobs (maintenance, community pooling, sign-in and
-- key/feed-token lookups, deleteTenant) and stays outside the wall. mlsec_tenant owns nothing, so it
-- is bound. packages/db/test/row-level-security.integration.test.ts fails on a tenant table without it.
SELECT mlsec_rls_exec(format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', c.table_name)),
       mlsec_rls_exec(format(
         'CREATE POLICY tenant_wall ON %I '
         'USING ("tenantId" = current_setting(''mlsec.tenant_id'', true)) '
         'WITH CHECK ("tenantId" = current_setting(''mlsec.tenant_id'', true))',
         c.table_name)),
       mlsec_rls_exec(format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO mlsec_tenant', c.table_name))
FROM information_schema.columns c
JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
WHERE c.table_schema = 'public' AND c.column_name = 'tenantId' AND tb.table_type = 'BASE TABLE';

DROP FUNCTION mlsec_rls_exec(text);

-- The tenant itself: its own row only (settings pages read and write it).
ALTER TABLE "Tenant" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON "Tenant"
  USING ("id" = current_setting('mlsec.tenant_id', true))
  WITH CHECK ("id" = current_setting('mlsec.tenant_id', true));
GRANT SELECT, UPDATE ON "Tenant" TO mlsec_tenant;

-- A stream feed's sent entries belong to the tenant through their feed: no tenantId column, because
-- the rows are bulk-written per feed (COPY) and the feed already names its tenant. The subquery
-- runs under Feed's own policy, so another tenant's feed id matches nothing.
ALTER TABLE "FeedSentEntry" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON "FeedSentEntry"
  USING (EXISTS (SELECT 1 FROM "Feed" f WHERE f."id" = "FeedSentEntry"."feedId"
                 AND f."tenantId" = current_setting('mlsec.tenant_id', true)))
  WITH CHECK (EXISTS (SELECT 1 FROM "Feed" f WHERE f."id" = "FeedSentEntry"."feedId"
                      AND f."tenantId" = current_setting('mlsec.tenant_id', true)));
GRANT SELECT, INSERT, UPDATE, DELETE ON "FeedSentEntry" TO mlsec_tenant;

-- Users span tenants: behind the wall a tenant sees only its members' accounts (member lists), and
-- may bump only their sessionVersion (a role change signs the member's older sessions out).
-- Creating accounts and signing in run as the owner.
ALTER TABLE "User" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON "User"
  USING (EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = "User"."id"
                 AND m."tenantId" = current_setting('mlsec.tenant_id', true)));
GRANT SELECT, UPDATE ("sessionVersion") ON "User" TO mlsec_tenant;

-- Tables a later migration adds are not granted to mlsec_tenant: a request path moved behind the
-- wall onto a new table fails loudly (permission denied) until its migration adds policy and grant.
