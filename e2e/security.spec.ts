import type { APIResponse } from "@playwright/test";
import { expect, signedOut, test, unique } from "./fixtures";

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // The test server is reached over http: HSTS would be wrong there.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("a page carries a nonce-based CSP and the other security headers", async ({ request }) => {
    const response = await request.get("/sign-in");
    expect(response.status()).toBe(200);
    expectSecurityHeaders(response);
    const policy = response.headers()["content-security-policy"] ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toContain("'unsafe-inline'");
    // Next puts the same nonce on its scripts; a second response gets a nonce of its own.
    const nonce = policy.match(/'nonce-([^']+)'/)?.[1];
    expect(await response.text()).toContain(`nonce="${nonce}"`);
    const again = await request.get("/sign-in");
    expect(again.headers()["content-security-policy"]).not.toBe(policy);
  });

  test("the signed-out redirect, API routes and error responses carry the security headers", async ({
    request,
  }) => {
    await test.step("the redirect to sign-in", async () => {
      const response = await request.get("/datasets", { maxRedirects: 0 });
      expect(response.status()).toBe(307);
      expectSecurityHeaders(response);
    });
    await test.step("an API route refusing a signed-out caller", async () => {
      const response = await request.get("/api/notifications/unread");
      expect(response.status()).toBe(401);
      expectSecurityHeaders(response);
      expect(response.headers()["content-security-policy"]).toContain("default-src 'none'");
    });
    await test.step("an API path that does not exist", async () => {
      const response = await request.get("/api/no-such-route");
      expect(response.status()).toBe(404);
      expectSecurityHeaders(response);
    });
    await test.step("the ingest endpoint refusing a wrong key", async () => {
      const response = await request.post("/api/v1/datasets/no-such-dataset/records", {
        headers: { authorization: "Bearer wrong", "content-type": "application/json" },
        data: "{}",
      });
      expect(response.status()).toBeGreaterThanOrEqual(400);
      expectSecurityHeaders(response);
    });
    await test.step("a page that does not exist", async () => {
      const response = await request.get("/sign-in/no-such-page");
      expect(response.status()).toBe(404);
      expectSecurityHeaders(response);
    });
  });
});

test("a signed-in visit to sign-in never redirects off Outflow, whatever the return path", async ({
  page,
  baseURL,
}) => {
  await page.goto("/");
  for (const next of [
    "/.//evil.example/x",
    "/..//evil.example",
    "/%2e//evil.example",
    "/a/..//evil.example",
  ]) {
    const response = await page.request.get(`/sign-in?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
    expect(response.status(), next).toBe(307);
    const location = new URL(response.headers().location ?? "", baseURL);
    expect(location.origin, next).toBe(new URL(baseURL ?? "").origin);
  }
});

test("an upload from another origin is refused with the user's own cookie", async ({ page, baseURL }) => {
  await page.goto("/datasets");
  const foreign = new URL(baseURL ?? "");
  foreign.port = String(Number(foreign.port) + 1);
  const response = await page.request.post("/api/datasets/upload?name=planted-by-another-site&format=json", {
    headers: { origin: foreign.origin, "sec-fetch-site": "same-site", "content-type": "application/json" },
    data: '[{"a":1}]',
  });
  expect(response.status()).toBe(403);
  expectSecurityHeaders(response);
  expect(((await response.json()) as { error: string }).error).toContain(foreign.origin);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Datasets", level: 1 })).toBeVisible();
  await expect(page.getByText("planted-by-another-site")).toHaveCount(0);
});

test("the app works under its CSP with no violation in the console", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Refused to load: CSP ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });

  await test.step("the main pages render and respond to clicks", async () => {
    for (const [path, heading] of [
      ["/", "Dashboard"],
      ["/datasets", "Datasets"],
      ["/credentials", "Credentials"],
      ["/credentials/new", "Create Credential"],
      ["/destinations", "Destinations"],
      ["/inspector", "Request Inspector"],
      ["/notifications", "Notifications"],
      ["/settings/members", "Members"],
      ["/settings/alerts", "Alerts"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading, exact: true }), path).toBeVisible();
    }
    // Client-side code runs: the account menu opens.
    await page.getByRole("button", { name: /^Account: / }).click();
    await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
    await page.keyboard.press("Escape");
  });

  await test.step("a new dataset's page, reached by client-side navigation", async () => {
    await page.goto("/datasets/new");
    await page.getByRole("button", { name: "Create sample dataset" }).click();
    await expect(page.getByRole("table", { name: "Schema" })).toBeVisible();
    await page.getByRole("link", { name: "JSON" }).click();
    await expect(page.getByText(/"email":/).first()).toBeVisible();
  });

  await test.step("the destination wizard, whose body editor adds its own styles with the nonce", async () => {
    await page.getByRole("link", { name: "Send to Destination" }).click();
    await page
      .getByText(/^FullStory$/)
      .first()
      .click();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Create Credential" }).click();
    await page.getByLabel("Name", { exact: true }).fill(unique("FullStory under CSP"));
    await page.getByLabel("API key").fill("na1.fullstory-csp-key-0001");
    await page.getByRole("button", { name: "Create Credential" }).click();
    await page.getByRole("button", { name: "Next" }).click();
    const editor = page.getByLabel("Body to send");
    await expect(editor).toBeVisible();
    // CodeMirror's stylesheet applied: without it the editor would not wrap lines this way.
    await expect(editor).toHaveCSS("white-space", "break-spaces");
  });

  expect(violations).toEqual([]);
});
