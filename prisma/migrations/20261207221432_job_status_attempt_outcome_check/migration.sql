-- Batch jobs' status calls are logged as requests too, with the outcome 'job_status'.
ALTER TABLE "delivery_attempts" DROP CONSTRAINT "delivery_attempts_outcome_check";
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_outcome_check"
  CHECK ("outcome" IN ('delivered', 'partial', 'retry', 'failed', 'held', 'job_status'));
