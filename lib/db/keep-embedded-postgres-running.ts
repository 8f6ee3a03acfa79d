import { setTimeout as sleep } from "node:timers/promises";
import {
  type EmbeddedPostgresOptions,
  isPortFree,
  type RunningEmbeddedPostgres,
  startEmbeddedPostgres,
} from "./embedded-postgres";
import { isProcessAlive, readPostmasterPid } from "./postmaster-lock";

const CHECK_EVERY_MS = 1000;
const RESTART_BACKOFF_MAX_MS = 15_000;

export type KeptEmbeddedPostgres = {
  /** The server as first started; after a restart its port may differ (see followEmbeddedPostgres in lib/config). */
  first: RunningEmbeddedPostgres;
  /**
   * No more restarts: the process is stopping. A Ctrl-C in the terminal reaches Postgres too (same
   * process group) and stops it at once; starting it again only to stop it would slow the exit.
   */
  stopWatching(): void;
  /** Stops watching, then stops the server running now. */
  stop(): Promise<void>;
};

/**
 * Starts the embedded Postgres and keeps it running while this process needs it: when it exits
 * on its own (killed, crashed, stopped by hand), it is started again on the same data folder, on
 * the same port unless that was taken meanwhile. Nobody else would start it, and the app's users
 * and workers would wait for a person. The connections using it recover by themselves (pools
 * replace lost connections, the change feed listens again, processes that follow the data folder
 * find a new port). A server adopted from another process is left to that process.
 */
export async function keepEmbeddedPostgresRunning(
  options: EmbeddedPostgresOptions,
): Promise<KeptEmbeddedPostgres> {
  const log = options.log ?? ((line: string) => console.error(line));
  const first = await startEmbeddedPostgres(options);
  if (first.adopted) return { first, stopWatching: () => undefined, stop: first.stop };

  let current = first;
  let pid = await readPostmasterPid(options.dataDir);
  let stopped = false;
  let restarting: Promise<void> | undefined;

  const restart = async () => {
    log(`Embedded Postgres (process ${pid}) exited; starting it again`);
    for (let backoffMs = 500; !stopped; backoffMs = Math.min(RESTART_BACKOFF_MAX_MS, backoffMs * 2)) {
      try {
        const port = (await isPortFree(current.port)) ? current.port : undefined;
        current = await startEmbeddedPostgres({ ...options, port });
        pid = await readPostmasterPid(options.dataDir);
        log(`Embedded Postgres is running again on 127.0.0.1:${current.port}`);
        return;
      } catch (error) {
        // E.g. the killed server's backends still hold its shared memory for a moment.
        log(`Embedded Postgres did not start (${(error as Error).message}); trying again in ${backoffMs} ms`);
        await sleep(backoffMs);
      }
    }
  };

  const watch = setInterval(() => {
    if (stopped || restarting || pid === null || isProcessAlive(pid)) return;
    restarting = restart().finally(() => {
      restarting = undefined;
    });
  }, CHECK_EVERY_MS);
  // Watching alone must not keep the process alive.
  watch.unref();

  const stopWatching = () => {
    stopped = true;
    clearInterval(watch);
  };
  return {
    first,
    stopWatching,
    async stop() {
      stopWatching();
      await restarting;
      await current.stop();
    },
  };
}
