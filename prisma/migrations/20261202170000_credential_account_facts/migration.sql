-- AlterTable
ALTER TABLE "credentials" ADD COLUMN     "account_facts" JSONB,
ADD COLUMN     "account_facts_at" TIMESTAMP(3);
