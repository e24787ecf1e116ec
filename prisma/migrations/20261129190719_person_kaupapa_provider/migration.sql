-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "preferredKaupapaProvider" TEXT;
