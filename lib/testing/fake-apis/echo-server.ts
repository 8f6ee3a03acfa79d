/**
 * An API that gives back everything it received, as a careless or hostile API would: the method,
 * the URL with its query, every header and the body, both in its JSON answer and in `x-echo-*`
 * response headers. It answers with the status the test sets, so deliveries can be made to fail.
 * Any path ending in `/oauth/token` is a client-credentials token endpoint: it echoes the form
 * body it received and hands out `accessToken`.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type EchoedRequest = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

export type EchoServer = {
  url: string;
  requests: EchoedRequest[];
  /** The status of every answer but the token endpoint's; 400 by default. */
  status: number;
  /** The token endpoint's status; 200 (with `accessToken`) by default. */
  tokenStatus: number;
  accessToken: string;
  close(): Promise<void>;
};

export async function startEchoServer(accessToken: string): Promise<EchoServer> {
  const echo: EchoServer = {
    url: "",
    requests: [],
    status: 400,
    tokenStatus: 200,
    accessToken,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const received: EchoedRequest = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    echo.requests.push(received);
    const isToken = new URL(received.url, "http://echo.invalid").pathname.endsWith("/oauth/token");
    const status = isToken ? echo.tokenStatus : echo.status;
    const answer =
      isToken && status === 200
        ? { access_token: echo.accessToken, token_type: "Bearer", expires_in: 3600, received: received.body }
        : { message: `echo of what was received`, received };
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-echo-method": received.method,
      "x-echo-url": headerSafe(received.url),
      "x-echo-body": headerSafe(received.body),
    };
    for (const [name, value] of Object.entries(received.headers)) {
      headers[`x-echo-${name}`] = headerSafe(String(value));
    }
    res.writeHead(status, headers);
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  echo.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return echo;
}

/** Header values may hold only visible ASCII and spaces; anything else would make Node throw. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?");
}
