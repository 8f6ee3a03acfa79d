-- AlterTable
ALTER TABLE "credentials" ADD COLUMN     "allowed_domains" TEXT[] DEFAULT ARRAY[]::TEXT[];
