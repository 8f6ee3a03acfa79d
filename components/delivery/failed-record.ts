import type { listDeadLetters } from "@/lib/delivery/dead-letters";

/** One dead letter as the destination page shows it. */
export type FailedRecord = Awaited<ReturnType<typeof listDeadLetters>>["letters"][number];
