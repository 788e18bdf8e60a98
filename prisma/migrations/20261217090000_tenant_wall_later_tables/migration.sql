-- The tenant wall (20261216090000_row_level_security) on tenant tables whose migrations sort before
-- it but ran after it: a database that had the wall already when SavedFilter (20261215110001) came
-- got that table without policy or grant. Idempotent: only tables with a "tenantId" column and no
-- tenant_wall policy yet are walled, so a fresh database (where the wall migration saw them all)
-- changes nothing. Same one-line helper as the wall migration, for the same reason (no semicolon
-- may appear in a comment or a dollar quote here).
CREATE FUNCTION mlsec_rls_exec(stmt text) RETURNS void LANGUAGE plpgsql AS E'BEGIN EXECUTE stmt\073 END';

SELECT mlsec_rls_exec(format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', c.table_name)),
       mlsec_rls_exec(format(
         'CREATE POLICY tenant_wall ON %I '
         'USING ("tenantId" = current_setting(''mlsec.tenant_id'', true)) '
         'WITH CHECK ("tenantId" = current_setting(''mlsec.tenant_id'', true))',
         c.table_name)),
       mlsec_rls_exec(format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO mlsec_tenant', c.table_name))
FROM information_schema.columns c
JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
WHERE c.table_schema = 'public' AND c.column_name = 'tenantId' AND tb.table_type = 'BASE TABLE'
  AND NOT EXISTS (SELECT 1 FROM pg_policies p
                  WHERE p.schemaname = 'public' AND p.tablename = c.table_name AND p.policyname = 'tenant_wall');

DROP FUNCTION mlsec_rls_exec(text);
