/**
 * SQL condition on a destination row `d`: it has something to do now — a batch or a batch job due,
 * or records to plan (all of them when sending as records arrive, else those a running scheduled
 * or manual run covers). The executor asks it before letting go; the sweep, of every destination.
 */
import { OPEN_RUN_STATES } from "../model/run-state";

// The model's own constants, not input: safe to write into the statement as literals.
const OPEN_RUNS = OPEN_RUN_STATES.map((state) => `'${state}'`).join(", ");

export const WORK_DUE = `(
  EXISTS (SELECT 1 FROM delivery_batches b
           WHERE b.destination_id = d.id AND b.next_attempt_at <= now() AT TIME ZONE 'UTC')
  OR EXISTS (SELECT 1 FROM batch_job_checks c
              WHERE c.destination_id = d.id AND c.next_check_at <= now() AT TIME ZONE 'UTC')
  OR EXISTS (SELECT 1 FROM records r WHERE r.dataset_id = d.dataset_id AND r.id > d.cursor
               AND (d.schedule = 'continuous'
                    OR EXISTS (SELECT 1 FROM runs u WHERE u.destination_id = d.id
                                 AND u.status IN (${OPEN_RUNS}) AND u.trigger <> 'retry'
                                 AND r.id <= u.up_to_record_id))))`;
