/**
 * The dashboard's 24-hour window: the current hour (partly gone) and the 23 before it, in whole
 * UTC hours, because delivery counters are kept per destination and hour (DeliveryHourlyStats).
 */
export const WINDOW_HOURS = 24;

const HOUR_MS = 60 * 60 * 1000;

/** The first hour of the window ending with `now`'s hour; `now - 24h` rounded up to the hour. */
export function windowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (WINDOW_HOURS - 1) * HOUR_MS);
}

/** Where the window ends (exclusive): the start of the hour after `now`'s. */
export function windowEnd(now: Date): Date {
  return new Date(windowStart(now).getTime() + WINDOW_HOURS * HOUR_MS);
}

/**
 * One value per hour of the window, oldest first, from counters given by their hour's index in the
 * window; hours without a counter are zero, and indexes outside the window are ignored.
 */
export function hourlySeries(points: { slot: number; value: number }[]): number[] {
  const series = new Array<number>(WINDOW_HOURS).fill(0);
  for (const { slot, value } of points) {
    if (Number.isInteger(slot) && slot >= 0 && slot < WINDOW_HOURS)
      series[slot] = (series[slot] ?? 0) + value;
  }
  return series;
}
