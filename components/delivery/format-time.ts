const withSeconds = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

/** Like formatDateTime, to the second: retries and runs are seconds apart. */
export function formatDateTimeSeconds(value: Date): string {
  return `${withSeconds.format(value)} UTC`;
}
