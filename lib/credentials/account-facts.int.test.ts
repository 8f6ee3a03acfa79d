import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { type FakeHubSpot, startFakeHubSpot } from "@/lib/testing/fake-apis/hubspot";
import { resetDatabase } from "@/lib/testing/reset-database";
import { loadAccountFacts, refreshAccountFacts } from "./account-facts";
import { credentialInputSchema } from "./credential-input";
import { loadCredentialInUse } from "./resolve-credential";
import { saveCredential } from "./save-credential";

const TOKEN = "pat-na1-account-facts";
const PORTAL = 2519445;
let hubspot: FakeHubSpot;
let workspaceId: string;

beforeAll(async () => {
  hubspot = await startFakeHubSpot({ accessToken: TOKEN, portalId: PORTAL });
});
afterAll(async () => {
  await hubspot.close();
  await disconnectDb();
});
beforeEach(async () => {
  await resetDatabase();
  hubspot.requests.length = 0;
  workspaceId = (await db().workspace.create({ data: { name: "Acme" } })).id;
});

async function credential(accessToken = TOKEN) {
  const { id } = await saveCredential(
    workspaceId,
    credentialInputSchema.parse({
      connectorId: "hubspot",
      name: `HubSpot ${accessToken}`,
      values: { accessToken, hubId: String(PORTAL) },
      baseUrl: hubspot.url,
    }),
  );
  const inUse = await loadCredentialInUse(workspaceId, id);
  if (!inUse) throw new Error("credential not saved");
  return inUse;
}

const propertyReads = () =>
  hubspot.requests.filter((r) => r.method === "GET" && r.path === "/crm/v3/properties/contacts").length;

describe("a HubSpot portal's contact properties", () => {
  it("are read once, kept for a few minutes, and read again at once by Refresh properties", async () => {
    const hub = await credential();
    const first = await loadAccountFacts(hub);
    expect(first.facts.contactProperties).toMatchObject({ portal: String(PORTAL) });
    expect(first.facts.contactProperties?.names).toContain("firstname");
    expect(first.facts.contactProperties?.names).not.toContain("plan");
    await loadAccountFacts(hub);
    expect(propertyReads()).toBe(1);

    // Someone creates `plan` in HubSpot.
    const created = await fetch(`${hubspot.url}/crm/v3/properties/contacts`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "plan",
        label: "Plan",
        type: "string",
        fieldType: "text",
        groupName: "contactinformation",
      }),
    });
    expect(created.status).toBe(201);
    expect((await loadAccountFacts(hub)).facts.contactProperties?.names).not.toContain("plan");
    const refreshed = await refreshAccountFacts(workspaceId, hub.id as string);
    expect(refreshed.count).toBe((first.facts.contactProperties?.names.length ?? 0) + 1);
    expect((await loadAccountFacts(hub)).facts.contactProperties?.names).toContain("plan");
    expect(propertyReads()).toBe(2);
  });

  it("say why they could not be read, and Refresh properties fails with that reason", async () => {
    const refused = await credential("pat-na1-wrong");
    const state = await loadAccountFacts(refused);
    expect(state.facts).toEqual({});
    expect(state.error).toMatch(
      /^Could not read the contact properties: The credential was rejected: check the access token/,
    );
    await expect(refreshAccountFacts(workspaceId, refused.id as string)).rejects.toThrow(
      /Could not read the contact properties/,
    );
  });
});
