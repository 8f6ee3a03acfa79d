-- AlterTable
ALTER TABLE "destinations" ADD COLUMN     "draft" JSONB;
