-- An attempt's outcome is one of lib/delivery/model/attempt-outcome.ts's values (a unit test keeps
-- the two lists equal). A check rather than an enum, so statements that write the column as text
-- (the attempt log's batched insert, the benchmarks' seeds) need no cast.
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_outcome_check"
  CHECK ("outcome" IN ('delivered', 'partial', 'retry', 'failed', 'held'));
