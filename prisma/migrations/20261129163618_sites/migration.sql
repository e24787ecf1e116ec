-- Every staff account belongs to a site. An account without one could see every site before this
-- migration. Where the database has a single site the account is that site's, otherwise setting the
-- column below fails and someone must choose each account's site first.
UPDATE "User" SET "siteId" = (SELECT "id" FROM "Site") WHERE "siteId" IS NULL AND (SELECT count(*) FROM "Site") = 1;

-- DropForeignKey
ALTER TABLE "User" DROP CONSTRAINT "User_siteId_fkey";

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "national" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "siteId" SET NOT NULL;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Only auditors span sites. Prisma's schema cannot say so, the database can.
ALTER TABLE "User" ADD CONSTRAINT "User_national_auditor_only" CHECK (NOT "national" OR "role" = 'AUDITOR');
