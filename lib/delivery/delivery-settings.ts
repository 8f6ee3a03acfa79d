/** The destination's delivery settings: when it sends, how hard it pushes, how long it retries. */
import { z } from "zod";
import { UserError } from "@/lib/actions/user-error";
import { db, dbPool } from "@/lib/db/client";
import { afterCommit } from "@/lib/db/transaction";
import { requireOwnDestination } from "./own-destination";
import { enqueueDelivery } from "./queue";
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BASE_SECONDS } from "./retry-policy";
import { cronProblem, nextRunAt } from "./schedule";
import { scheduleOf } from "./sweep";

export const deliverySettingsSchema = z
  .object({
    schedule: z.enum(["continuous", "interval", "cron"]),
    intervalMinutes: z.coerce
      .number({ message: "Enter a number of minutes." })
      .int("Use whole minutes.")
      .min(1, "At least 1 minute.")
      .max(7 * 24 * 60, "At most a week (10080 minutes).")
      .optional(),
    cron: z.string().trim().max(200).optional(),
    concurrency: z.coerce
      .number({ message: "Enter a number." })
      .int("Use a whole number.")
      .min(1, "At least 1.")
      .max(32, "At most 32 requests at once."),
    maxAttempts: z.coerce
      .number({ message: "Enter a number." })
      .int("Use a whole number.")
      .min(1, "At least 1 (no retries).")
      .max(20, "At most 20 attempts."),
    retryBaseSeconds: z.coerce
      .number({ message: "Enter a number of seconds." })
      .min(0.1, "At least 0.1 seconds.")
      .max(3600, "At most an hour."),
    requestTimeoutSeconds: z.coerce
      .number({ message: "Enter a number of seconds." })
      .min(1, "At least 1 second.")
      .max(300, "At most 300 seconds."),
  })
  .superRefine((value, context) => {
    if (value.schedule === "interval" && value.intervalMinutes === undefined) {
      context.addIssue({ code: "custom", path: ["intervalMinutes"], message: "Enter a number of minutes." });
    }
    if (value.schedule === "cron") {
      const problem = value.cron
        ? cronProblem(value.cron)
        : "Enter a cron expression, e.g. 0 * * * * for hourly.";
      if (problem) context.addIssue({ code: "custom", path: ["cron"], message: problem });
    }
  });

export type DeliverySettings = z.infer<typeof deliverySettingsSchema>;

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  schedule: "continuous",
  concurrency: 4,
  maxAttempts: DEFAULT_MAX_ATTEMPTS,
  retryBaseSeconds: DEFAULT_RETRY_BASE_SECONDS,
  requestTimeoutSeconds: 30,
};

export async function readDeliverySettings(
  workspaceId: string,
  destinationId: string,
): Promise<DeliverySettings> {
  const row = await requireOwnDestination(workspaceId, destinationId);
  return {
    schedule: row.schedule,
    intervalMinutes: row.scheduleIntervalMinutes ?? undefined,
    cron: row.scheduleCron ?? undefined,
    concurrency: row.concurrency,
    maxAttempts: row.maxAttempts,
    retryBaseSeconds: row.retryBaseSeconds,
    requestTimeoutSeconds: row.requestTimeoutSeconds,
  };
}

export async function saveDeliverySettings(
  workspaceId: string,
  destinationId: string,
  settings: DeliverySettings,
): Promise<void> {
  const schedule = scheduleOf({
    schedule: settings.schedule,
    scheduleIntervalMinutes: settings.intervalMinutes ?? null,
    scheduleCron: settings.cron ?? null,
  });
  const { count } = await db().destination.updateMany({
    where: { id: destinationId, workspaceId },
    data: {
      schedule: settings.schedule,
      scheduleIntervalMinutes: settings.schedule === "interval" ? (settings.intervalMinutes ?? null) : null,
      scheduleCron: settings.schedule === "cron" ? (settings.cron ?? null) : null,
      nextScheduledAt: nextRunAt(schedule, new Date()),
      concurrency: settings.concurrency,
      maxAttempts: settings.maxAttempts,
      retryBaseSeconds: settings.retryBaseSeconds,
      requestTimeoutSeconds: settings.requestTimeoutSeconds,
    },
  });
  if (count === 0) throw new UserError("This destination no longer exists.");
  // Switched to "as records arrive": the records that waited for the schedule go now.
  // After the commit: the job's worker reads the settings on a connection of its own.
  if (schedule.kind === "continuous") await afterCommit(() => enqueueDelivery(dbPool(), destinationId));
}
