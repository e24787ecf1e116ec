-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "reportOfConcernBy" TEXT,
ADD COLUMN     "reportOfConcernOn" DATE,
ADD COLUMN     "reportOfConcernRef" TEXT;

-- CreateTable
CREATE TABLE "EpisodeChild" (
    "episodeId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "EpisodeChild_pkey" PRIMARY KEY ("episodeId","personId")
);

-- CreateIndex
CREATE INDEX "EpisodeChild_personId_idx" ON "EpisodeChild"("personId");

-- AddForeignKey
ALTER TABLE "EpisodeChild" ADD CONSTRAINT "EpisodeChild_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "Episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EpisodeChild" ADD CONSTRAINT "EpisodeChild_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
