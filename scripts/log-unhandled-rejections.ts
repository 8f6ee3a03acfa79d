/**
 * A lost database connection can surface as a rejection nobody awaits (graphile-worker's batched
 * job updates among them). Logged, the process carries on and its pools reconnect; fatal, it
 * would drop every delivery it holds until someone restarts it.
 */
export function logUnhandledRejections(): void {
  process.on("unhandledRejection", (reason) => {
    console.error("Unhandled rejection, carrying on:", reason instanceof Error ? reason.message : reason);
  });
}
