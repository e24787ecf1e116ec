-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "icmReview" JSONB;
