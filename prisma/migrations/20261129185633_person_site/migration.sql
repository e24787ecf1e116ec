-- People belong to one site: the same police person reference at two sites is two records, so a
-- match made by one site's import never shows it what another site holds.
DROP INDEX "Person_nameKey_dob_idx";
DROP INDEX "Person_nameKey_idx";
DROP INDEX "Person_policePersonRef_key";

ALTER TABLE "Person" ADD COLUMN "siteId" TEXT;

-- Every site a person appears at, through a case or an episode.
CREATE TABLE "_PersonAtSite" AS
  SELECT m."personId" AS "personId", c."siteId" AS "siteId", MIN(c."createdAt") AS "since"
    FROM "CaseMember" m JOIN "Case" c ON c.id = m."caseId" GROUP BY 1, 2
  UNION ALL
  SELECT e."personAtRiskId", e."siteId", MIN(e."occurredAt") FROM "Episode" e WHERE e."personAtRiskId" IS NOT NULL GROUP BY 1, 2
  UNION ALL
  SELECT e."personUsingViolenceId", e."siteId", MIN(e."occurredAt") FROM "Episode" e WHERE e."personUsingViolenceId" IS NOT NULL GROUP BY 1, 2;

-- The existing record stays with the first site the person was seen at.
UPDATE "Person" p SET "siteId" = (
  SELECT a."siteId" FROM "_PersonAtSite" a WHERE a."personId" = p.id ORDER BY a."since", a."siteId" LIMIT 1
);
UPDATE "Person" SET "siteId" = (SELECT id FROM "Site" ORDER BY "createdAt", id LIMIT 1) WHERE "siteId" IS NULL;

-- Someone already linked at other sites gets a copy of their record there, and those sites' rows
-- point at the copy.
CREATE TABLE "_PersonSplit" AS
  SELECT s."oldId", s."siteId", gen_random_uuid()::text AS "newId" FROM (
    SELECT DISTINCT a."personId" AS "oldId", a."siteId"
      FROM "_PersonAtSite" a JOIN "Person" p ON p.id = a."personId" WHERE a."siteId" <> p."siteId"
  ) s;

INSERT INTO "Person" ("id", "siteId", "givenName", "familyName", "preferredName", "nameKey", "dob", "gender", "ethnicity",
  "iwiAffiliations", "hiddenName", "policePersonRef", "createdAt")
SELECT x."newId", x."siteId", p."givenName", p."familyName", p."preferredName", p."nameKey", p."dob", p."gender", p."ethnicity",
  p."iwiAffiliations", p."hiddenName", p."policePersonRef", p."createdAt"
  FROM "_PersonSplit" x JOIN "Person" p ON p.id = x."oldId";

UPDATE "CaseMember" m SET "personId" = x."newId" FROM "_PersonSplit" x, "Case" c
  WHERE m."personId" = x."oldId" AND c.id = m."caseId" AND c."siteId" = x."siteId";
UPDATE "Episode" e SET "personAtRiskId" = x."newId" FROM "_PersonSplit" x
  WHERE e."personAtRiskId" = x."oldId" AND e."siteId" = x."siteId";
UPDATE "Episode" e SET "personUsingViolenceId" = x."newId" FROM "_PersonSplit" x
  WHERE e."personUsingViolenceId" = x."oldId" AND e."siteId" = x."siteId";
UPDATE "RiskAssessment" r SET "personId" = x."newId" FROM "_PersonSplit" x, "Case" c
  WHERE r."personId" = x."oldId" AND c.id = r."caseId" AND c."siteId" = x."siteId";

DROP TABLE "_PersonSplit";
DROP TABLE "_PersonAtSite";

ALTER TABLE "Person" ALTER COLUMN "siteId" SET NOT NULL;

CREATE INDEX "Person_siteId_nameKey_idx" ON "Person"("siteId", "nameKey");
CREATE INDEX "Person_siteId_nameKey_dob_idx" ON "Person"("siteId", "nameKey", "dob");
CREATE UNIQUE INDEX "Person_siteId_policePersonRef_key" ON "Person"("siteId", "policePersonRef");

ALTER TABLE "Person" ADD CONSTRAINT "Person_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
