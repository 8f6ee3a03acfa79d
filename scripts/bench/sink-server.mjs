// A loopback sink for the delivery bench: answers every request 200 {"ok":true} after reading it.
// Run as its own process so it does not share a core's event loop with what is measured.
import { createServer } from "node:http";

let requests = 0;
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    requests++;
    response.writeHead(200, { "content-type": "application/json", "content-length": "11" });
    response.end('{"ok":true}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on("message", () => process.send?.({ requests }));
