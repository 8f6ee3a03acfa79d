import type { Page } from "@playwright/test";
import type { FakeServer } from "../lib/testing/fake-apis/fake-server";
import { expect, test, unique, waitForRequestCount } from "./fixtures";

const CLIENT_SECRET = "hotjar-client-secret-e2e-7f3a";
const hotjarAccount = { clientId: "hj-client-e2e", clientSecret: CLIENT_SECRET, scaleplan: true };

const isTokenRequest = (request: { path: string }) => request.path === "/v1/oauth/token";

/** Runs a Test Connection and waits for the one token exchange it makes with `hotjar`. */
async function testReachesHotjar(hotjar: FakeServer, runTest: () => Promise<void>) {
  const before = hotjar.requests.filter(isTokenRequest).length;
  await runTest();
  await waitForRequestCount(hotjar, before + 1, isTokenRequest);
}

/** Every response body the browser receives, to prove the secret is never among them. */
function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", async (response) => {
    try {
      bodies.push(await response.text());
    } catch {
      // Redirects and aborted requests have no body.
    }
  });
  return bodies;
}

test("a Hotjar credential is created, tested, edited without retyping its secret, and never shown again", async ({
  page,
  fakes,
}) => {
  const hotjar = await fakes.hotjar(hotjarAccount);
  /** Another Hotjar, for moving the credential to another origin. */
  const otherHotjar = await fakes.hotjar(hotjarAccount);
  const name = unique("Hotjar production");
  const renamed = unique("Hotjar (EU team)");
  const bodies = recordResponses(page);
  await page.goto("/credentials");

  await test.step("create it against the fake Hotjar", async () => {
    await page.getByRole("link", { name: "Create Credential" }).first().click();
    await page.getByRole("link", { name: /Hotjar API/ }).click();
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Client ID").fill("hj-client-e2e");
    await page.getByLabel("Client Secret").fill(CLIENT_SECRET);
    await page.getByLabel("Organization ID (optional)").fill("12345");
    await page.getByText("Advanced").click();
    await page.getByLabel("API base URL").fill(hotjar.url);

    await page.getByRole("button", { name: "Test Connection" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Connected" })).toContainText(
      "the API key was exchanged for an access token",
    );
    await page.getByRole("button", { name: "Create Credential" }).click();
    await expect(page).toHaveURL(/\/credentials$/);
  });

  await test.step("the list shows it verified by the test on the form, and it can be tested again", async () => {
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("Verified");
    await expect(row).toContainText("Expires in 365 days");
    await testReachesHotjar(hotjar, () =>
      row.getByRole("button", { name: `Test Connection: ${name}` }).click(),
    );
    await expect(row).toContainText("Verified");
  });

  await test.step("a wrong secret shows the invalid-credentials hint", async () => {
    await page.getByRole("link", { name }).click();
    await page.getByLabel("Client Secret").fill("not-the-right-secret");
    await page.getByRole("button", { name: "Test Connection" }).click();
    const failure = page.getByRole("alert").filter({ hasText: "were rejected" });
    await expect(failure).toContainText("The Client ID and Client Secret were rejected (invalid_client).");
    await expect(failure).toContainText("Check both values for extra spaces");
  });

  await test.step("an edit that leaves the secret blank keeps it", async () => {
    await page.reload();
    await expect(page.getByLabel("Client Secret")).toHaveValue("");
    await expect(page.getByLabel("Client Secret")).toHaveAttribute(
      "placeholder",
      /^••••7f3a — leave blank to keep$/,
    );
    await page.getByLabel("Name").fill(renamed);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(/\/credentials$/);
    const row = page.getByRole("row", { name: renamed });
    // The kept secret is the right one: the API accepts it.
    await testReachesHotjar(hotjar, () => row.getByRole("button", { name: /Test Connection/ }).click());
    await expect(row).toContainText("Verified");
  });

  await test.step("sending it to another origin needs the secret entered again", async () => {
    await page.getByRole("link", { name: renamed }).click();
    await page.getByText("Advanced").click();
    await expect(page.getByLabel("Allowed domains")).toHaveValue("");
    const moved = otherHotjar.url;
    await page.getByLabel("API base URL").fill(moved);
    await expect(
      page.getByRole("status").filter({ hasText: "You changed where this credential is sent" }),
    ).toBeVisible();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/enter the client secret again/)).toBeVisible();
    await expect(page.getByLabel("Client Secret")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Client Secret").fill(CLIENT_SECRET);
    await page.getByLabel("Allowed domains").fill("uploads.example.com");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(/\/credentials$/);
    const row = page.getByRole("row", { name: renamed });
    await testReachesHotjar(otherHotjar, () => row.getByRole("button", { name: /Test Connection/ }).click());
    await expect(row).toContainText("Verified");
    await page.getByRole("link", { name: renamed }).click();
    await page.getByText("Advanced").click();
    await expect(page.getByLabel("Allowed domains")).toHaveValue("uploads.example.com");
    await expect(page.getByLabel("API base URL")).toHaveValue(moved);
  });

  expect(bodies.length).toBeGreaterThan(5);
  for (const body of bodies) expect(body).not.toContain(CLIENT_SECRET);
  expect(await page.content()).not.toContain(CLIENT_SECRET);
});

test("a field the connector rejects is shown on that field", async ({ page }) => {
  await page.goto("/credentials/new/hubspot");
  await page.getByLabel("Name").fill(unique("HubSpot"));
  await page.getByLabel("Access token").fill("pat-na1-00000000");
  await page.getByLabel("Hub ID").fill("my hub");
  await page.getByRole("button", { name: "Create Credential" }).click();
  await expect(page.getByText("The Hub ID is a number, e.g. 1234567.")).toBeVisible();
  await expect(page.getByLabel("Hub ID")).toHaveAttribute("aria-invalid", "true");
});

test("an unknown credential id is not found", async ({ page }) => {
  const response = await page.goto("/credentials/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
});
