-- AlterTable
ALTER TABLE "AgendaItem" ADD COLUMN     "deferReason" TEXT,
ADD COLUMN     "discussionMs" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "focusItemId" TEXT,
ADD COLUMN     "focusSetAt" TIMESTAMP(3),
ADD COLUMN     "timerItemId" TEXT,
ADD COLUMN     "timerStartedAt" TIMESTAMP(3);
