-- DropIndex
DROP INDEX "Episode_caseId_idx";

-- AlterTable
ALTER TABLE "Action" ADD COLUMN     "doneAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "AgendaItemEpisode_episodeId_idx" ON "AgendaItemEpisode"("episodeId");

-- CreateIndex
CREATE INDEX "Episode_caseId_occurredAt_idx" ON "Episode"("caseId", "occurredAt");

-- CreateIndex
CREATE INDEX "Episode_siteId_occurredAt_idx" ON "Episode"("siteId", "occurredAt");
