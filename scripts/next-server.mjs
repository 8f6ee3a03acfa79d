/**
 * Outflow's HTTP server: Next.js's request handler behind a plain Node server, so that the app
 * learns the TCP peer's address. `next start` copies the peer into X-Forwarded-For only when a
 * client did not send one, which lets any client choose its own address. Started by
 * scripts/run-app.ts: `node scripts/next-server.mjs dev|start <port> [--hsts]`; `--hsts` (given when
 * OUTFLOW_URL is https) adds Strict-Transport-Security to every response, pages, API routes and
 * errors alike, which next.config.mjs cannot do since its headers are fixed at build time.
 */
import { createServer } from "node:http";
import next from "next";

// Must match SOCKET_ADDRESS_HEADER in lib/auth/client-address.ts, which reads it.
const SOCKET_ADDRESS_HEADER = "x-outflow-socket-address";

const [mode, portArgument, ...flags] = process.argv.slice(2);
const hsts = flags.includes("--hsts");
const port = Number(portArgument);
if ((mode !== "dev" && mode !== "start") || !Number.isInteger(port)) {
  console.error("usage: node scripts/next-server.mjs dev|start <port> [--hsts]");
  process.exit(2);
}

const app = next({ dev: mode === "dev", port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

/** A client's own copy of the header is deleted: only this server may say where a request came from. */
function markPeer(request) {
  delete request.headers[SOCKET_ADDRESS_HEADER];
  const peer = request.socket.remoteAddress;
  if (peer) request.headers[SOCKET_ADDRESS_HEADER] = peer;
}

const server = createServer((request, response) => {
  markPeer(request);
  if (hsts) response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  handle(request, response);
});
// Next attaches its own WebSocket upgrade handler (development's live reload) to this server.

server.listen(port, () => {
  console.log(`▲ Next.js ${mode === "dev" ? "dev server" : "server"} ready on http://localhost:${port}`);
});

let closing = false;
function close() {
  if (closing) return;
  closing = true;
  // Requests in flight finish; idle keep-alive connections are closed so close() can complete.
  server.close(() => {
    app.close().finally(() => process.exit(0));
  });
  server.closeIdleConnections();
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, close);
// Started by scripts/run-app.ts over an IPC channel, which closes when that process ends however
// it ends (even SIGKILL): the server goes with it rather than keep the port from the next start.
process.on("disconnect", close);
