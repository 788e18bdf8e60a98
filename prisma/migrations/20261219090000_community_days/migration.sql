-- The community pool kept as per-day aggregates as contributions land (#21): one row per (day, ip)
-- with the distinct contributors that reported it, by a small integer id. Training reads the pool
-- once as these rows (a few per address instead of one per contributor-day-address with a text
-- pseudonym each) and computes every label day's view from them. CommunityContribution stays the
-- record per contributor, so replacing or withdrawing one contributor's rows touches only them;
-- triggers (below) keep CommunityDay's contributors exactly the contributors of that day's
-- CommunityContribution rows for the address, whatever statement changed them.
-- Neither table has a tenantId: pool rows are pseudonymous and read by system jobs only.

-- CreateTable
CREATE TABLE "CommunityContributor" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "CommunityContributor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunityDay" (
    "day" DATE NOT NULL,
    "ip" TEXT NOT NULL,
    "contributors" INTEGER[],

    CONSTRAINT "CommunityDay_pkey" PRIMARY KEY ("day","ip")
);

-- CreateIndex
CREATE UNIQUE INDEX "CommunityContributor_key_key" ON "CommunityContributor"("key");

-- The pool as it stands.
INSERT INTO "CommunityContributor" ("key")
SELECT DISTINCT "contributorId" FROM "CommunityContribution" ORDER BY 1;

INSERT INTO "CommunityDay" ("day", "ip", "contributors")
SELECT c."day", c."ip", array_agg(k."id" ORDER BY k."id")
FROM "CommunityContribution" c JOIN "CommunityContributor" k ON k."key" = c."contributorId"
GROUP BY c."day", c."ip";

-- PostgreSQL keeps CommunityDay in step with CommunityContribution itself, statement by statement,
-- so no writer (the pool code, an erase, an operator's DELETE) can leave the two apart. Pool writers
-- serialise on one advisory lock: two statements upserting the same (day, ip) rows in different
-- orders could otherwise deadlock. Rows are immutable: a change is a delete and an insert. The
-- bodies are E'' strings with each semicolon written \073, as in the RLS migrations: the migration
-- runner splits the script at semicolons.
CREATE FUNCTION "community_day_added"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(''mlsec community pool''))\073
  INSERT INTO "CommunityContributor" ("key")
  SELECT DISTINCT "contributorId" FROM added ORDER BY 1
  ON CONFLICT ("key") DO NOTHING\073
  INSERT INTO "CommunityDay" ("day", "ip", "contributors")
  SELECT a."day", a."ip", array_agg(k."id")
  FROM added a JOIN "CommunityContributor" k ON k."key" = a."contributorId"
  GROUP BY a."day", a."ip"
  ON CONFLICT ("day", "ip") DO UPDATE
    SET "contributors" = "CommunityDay"."contributors" || EXCLUDED."contributors"\073
  RETURN NULL\073
END ';

CREATE FUNCTION "community_day_gone"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(''mlsec community pool''))\073
  UPDATE "CommunityDay" d
  SET "contributors" = ARRAY(SELECT x FROM unnest(d."contributors") x WHERE x <> ALL (g.ids))
  FROM (
    SELECT o."day", o."ip", array_agg(k."id") AS ids
    FROM gone o JOIN "CommunityContributor" k ON k."key" = o."contributorId"
    GROUP BY o."day", o."ip"
  ) g
  WHERE d."day" = g."day" AND d."ip" = g."ip"\073
  DELETE FROM "CommunityDay" d
  USING (SELECT DISTINCT "day", "ip" FROM gone) g
  WHERE d."day" = g."day" AND d."ip" = g."ip" AND cardinality(d."contributors") = 0\073
  RETURN NULL\073
END ';

CREATE FUNCTION "community_day_truncated"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  TRUNCATE "CommunityDay"\073
  RETURN NULL\073
END ';

CREATE FUNCTION "community_contribution_immutable"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  RAISE EXCEPTION ''CommunityContribution rows are not updated: delete and insert instead''\073
END ';

CREATE TRIGGER "CommunityContribution_added" AFTER INSERT ON "CommunityContribution"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "community_day_added"();
CREATE TRIGGER "CommunityContribution_gone" AFTER DELETE ON "CommunityContribution"
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION "community_day_gone"();
CREATE TRIGGER "CommunityContribution_truncated" AFTER TRUNCATE ON "CommunityContribution"
  FOR EACH STATEMENT EXECUTE FUNCTION "community_day_truncated"();
CREATE TRIGGER "CommunityContribution_immutable" BEFORE UPDATE ON "CommunityContribution"
  FOR EACH ROW EXECUTE FUNCTION "community_contribution_immutable"();
