/**
 * Test helper: a real HTTP server on 127.0.0.1 (port 0) standing in for an external API, recording
 * what it received. Outbound code is tested against these, never against a mocked client.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const servers = new Set<Server>();

export async function startLocalServer(handler: Handler) {
  const received: Received[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      handler(req, res);
    });
  });
  server.on("connection", () => connections++);
  servers.add(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    close: () => closeServer(server),
  };
}

/** Closes every server started here, dropping kept-alive and hanging connections. */
export async function closeLocalServers(): Promise<void> {
  await Promise.all([...servers].map(closeServer));
}

export function redirectTo(location: string, status = 302): Handler {
  return (_req, res) => res.writeHead(status, { location }).end();
}

export const respondOk: Handler = (_req, res) =>
  res.writeHead(200, { "content-type": "text/plain" }).end("ok");

function closeServer(server: Server): Promise<void> {
  servers.delete(server);
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
