/**
 * A local HTTP server standing in for an API that receives deliveries. Tests decide each answer
 * with `respond`; every request is kept with its arrival time, headers and body.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type SinkRequest = {
  at: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  idempotencyKey: string | undefined;
  /** The sender's end of the connection: tells apart the processes that sent (see process-of-port.ts). */
  remotePort: number | undefined;
};

export type SinkAnswer = { status: number; headers?: Record<string, string>; body?: string } | "hang";

export type Sink = {
  url: string;
  requests: SinkRequest[];
  /** Decides the answer to each request; by default 200 `{"ok":true}`. */
  respond: (request: SinkRequest, index: number) => SinkAnswer | Promise<SinkAnswer>;
  close(): Promise<void>;
};

export async function startSink(): Promise<Sink> {
  const sink = createSink();
  await sink.listen();
  return sink;
}

/** A sink that listens once `listen()` is called: its object can be handed out before that. */
export function createSink(): Sink & { listen(): Promise<void> } {
  const hanging = new Set<ServerResponse>();
  const sink: Sink & { listen(): Promise<void> } = {
    url: "",
    requests: [],
    respond: () => ({ status: 200, body: '{"ok":true}' }),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    listen: async () => {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const received: SinkRequest = {
        at: Date.now(),
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        idempotencyKey: request.headers["idempotency-key"] as string | undefined,
        remotePort: request.socket.remotePort,
      };
      const index = sink.requests.push(received) - 1;
      const answer = await sink.respond(received, index);
      if (answer === "hang") {
        hanging.add(response);
        response.on("close", () => hanging.delete(response));
        return;
      }
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      response.end(answer.body ?? "");
    });
  });
  return sink;
}
