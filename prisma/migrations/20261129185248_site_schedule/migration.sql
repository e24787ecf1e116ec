-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "dailyMeetingTime" TEXT NOT NULL DEFAULT '09:00',
ADD COLUMN     "icmReviewWeekday" INTEGER,
ADD COLUMN     "training" BOOLEAN NOT NULL DEFAULT false;
