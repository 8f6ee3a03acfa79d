-- AlterTable
ALTER TABLE "destinations" ADD COLUMN     "draft_step" TEXT;
