// A loopback sink for the delivery bench: answers every request 200 {"ok":true} after reading it
// (and after SINK_DELAY_MS, when set, as a slower API would). Run as its own process so it does not
// share a core's event loop with what is measured. Over IPC the bench resets and reads its counts:
// requests, body bytes and, when asked to keep them, each request's arrival time (wall clock, ms) and
// the `"n"` its body starts with.
import { createServer } from "node:http";

const delayMs = Number(process.env.SINK_DELAY_MS ?? 0);
let requests = 0;
let bytes = 0;
let keep = false;
let arrivals = [];

const now = () => performance.timeOrigin + performance.now();

const server = createServer((request, response) => {
  let head = "";
  request.on("data", (chunk) => {
    bytes += chunk.length;
    if (keep && head.length < 64) head += chunk.toString("latin1", 0, 64);
  });
  request.on("end", () => {
    requests++;
    if (keep) arrivals.push([now(), Number(/"n":(\d+)/.exec(head)?.[1] ?? -1)]);
    const answer = () => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "11" });
      response.end('{"ok":true}');
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
// Answers with the counts so far; "reset" then zeroes them.
process.on("message", (message) => {
  process.send?.({ requests, bytes, arrivals });
  if (message?.type === "reset") {
    requests = 0;
    bytes = 0;
    arrivals = [];
    keep = message.keep === true;
  }
});
