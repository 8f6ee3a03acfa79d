import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { fullstory } from "@/lib/connectors/fullstory";
import { httpApi } from "@/lib/connectors/http-api";
import type { Connector, CredentialValues } from "@/lib/connectors/types";
import { closeLocalServers, respondOk, startLocalServer } from "@/lib/http/local-test-server";
import { curlCommand } from "./curl-command";
import type { CredentialInUse } from "./resolve-credential";
import { secretValuesOf } from "./secret-values";

const run = promisify(execFile);
afterAll(closeLocalServers);

function credentialFor(connector: Connector, values: CredentialValues, baseUrl: string): CredentialInUse {
  return {
    workspaceId: "w",
    connector,
    resolved: { values, baseUrl, tokenUrl: undefined },
    secretValues: secretValuesOf(connector, values),
  };
}

const BODY = `{"note":"it's \\"quoted\\"","n":12345678901234567890123}\n{"line":2}`;

/** Runs the command in bash with `env` set, against a server recording what it received. */
async function sendWithShell(
  command: (baseUrl: string) => { command: string; variables: string[] },
  env: Record<string, string>,
) {
  const server = await startLocalServer(respondOk);
  const curl = command(server.url);
  // `env` adds the variables to the environment bash inherits, as a user's shell would have them.
  const assignments = Object.entries(env).map(([name, value]) => `${name}=${value}`);
  await run("env", [...assignments, "bash", "-c", curl.command]);
  return { curl, received: server.received[0] };
}

describe("curlCommand", () => {
  it.each([
    ["bearer", { authType: "bearer", token: "tok-SECRET-1" }, { OUTFLOW_TOKEN: "tok-SECRET-1" }],
    [
      "basic",
      { authType: "basic", username: "ann", password: "pw'SECRET-2" },
      { OUTFLOW_PASSWORD: "pw'SECRET-2" },
    ],
    [
      "header",
      { authType: "header", headerName: "x-api-key", headerValue: "key-SECRET-3" },
      { OUTFLOW_HEADER_VALUE: "key-SECRET-3" },
    ],
    [
      "query",
      { authType: "query", queryName: "api_key", queryValue: "q-SECRET-4" },
      { OUTFLOW_QUERY_VALUE: "q-SECRET-4" },
    ],
  ])(
    "sends the same request with %s auth read from a variable, never holding the secret",
    async (_kind, values, env) => {
      const { curl, received } = await sendWithShell(
        (baseUrl) =>
          curlCommand(
            {
              method: "POST",
              url: `${baseUrl}/events?source=outflow`,
              headers: { "content-type": "application/x-ndjson", "idempotency-key": "k-1" },
              body: BODY,
            },
            credentialFor(httpApi, values as CredentialValues, baseUrl),
          ),
        env,
      );
      const secret = Object.values(env)[0] ?? "";
      expect(curl.command).not.toContain(secret);
      expect(curl.variables).toEqual(Object.keys(env));
      expect(received?.method).toBe("POST");
      expect(received?.body).toBe(BODY);
      expect(received?.headers["content-type"]).toBe("application/x-ndjson");
      expect(received?.headers["idempotency-key"]).toBe("k-1");
      const sent = `${received?.path} ${received?.headers.authorization ?? ""} ${received?.headers["x-api-key"] ?? ""}`;
      const expected = {
        bearer: "Bearer tok-SECRET-1",
        basic: `Basic ${Buffer.from("ann:pw'SECRET-2").toString("base64")}`,
        header: "key-SECRET-3",
        query: "api_key=q-SECRET-4",
      }[_kind as "bearer"];
      expect(sent).toContain(expected);
    },
  );

  it("replaces the masked auth of a logged request with the variable", async () => {
    const { curl, received } = await sendWithShell(
      (baseUrl) =>
        curlCommand(
          { method: "GET", url: `${baseUrl}/v2/users`, headers: { authorization: "Basic ••••ey-5" } },
          credentialFor(fullstory, { apiKey: "na1.fs-SECRET-key-5" }, baseUrl),
        ),
      { OUTFLOW_API_KEY: "na1.fs-SECRET-key-5" },
    );
    expect(curl.command).toBe(
      `curl '${received?.headers.host ? `http://${received.headers.host}` : ""}/v2/users' \\\n  -H 'authorization: Basic '"$OUTFLOW_API_KEY"`,
    );
    expect(received?.headers.authorization).toBe("Basic na1.fs-SECRET-key-5");
  });

  it("keeps a secret masked wherever else it appears, in any encoding", () => {
    const credential = credentialFor(
      httpApi,
      { authType: "bearer", token: "tok-SECRET-6" },
      "https://api.example.com",
    );
    const { command } = curlCommand(
      {
        method: "POST",
        url: "https://api.example.com/items?echo=tok-SECRET-6",
        headers: { "x-echo": Buffer.from("tok-SECRET-6").toString("base64") },
        body: '{"leak":"tok-SECRET-6"}',
      },
      credential,
    );
    expect(command).not.toContain("tok-SECRET-6");
    expect(command).not.toContain(Buffer.from("tok-SECRET-6").toString("base64"));
    expect(command).toContain('"$OUTFLOW_TOKEN"');
  });

  it("writes a request without a credential as it is", () => {
    expect(curlCommand({ method: "DELETE", url: "https://api.example.com/a?b=it's" }, null)).toEqual({
      command: "curl -X DELETE 'https://api.example.com/a?b=it'\\''s'",
      variables: [],
    });
  });
});
