import { createInspector, expect, signedOut, test, unique } from "./fixtures";

test("an inspector records a request and shows it live, without a reload", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = unique("Signup events");
  await test.step("create an inspector", async () => {
    await createInspector(page, name);
    await expect(page.getByText("Waiting for the first request")).toBeVisible();
  });

  const url = await test.step("copy its URL", async () => {
    await page.getByRole("button", { name: "Copy URL" }).click();
    await expect(page.getByRole("button", { name: "Copy URL" })).toHaveText("Copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.getByLabel("Inspector URL").inputValue());
    expect(copied).toMatch(/\/api\/inspect\/[\w-]{32}$/);
    return copied;
  });

  await test.step("send it a JSON POST", async () => {
    const response = await request.post(`${url}/hooks/signup?source=e2e`, {
      headers: { "x-outflow-test": "inspector-e2e" },
      data: { event: "signup", email: "grace@example.com" },
    });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ ok: true, received: expect.stringMatching(/^\d+$/) });
  });

  await test.step("see it appear and expand it", async () => {
    const received = page.getByRole("list", { name: "Received requests" });
    const entry = received.getByRole("button", { name: /^POST \/hooks\/signup\?source=e2e/ });
    await expect(entry).toBeVisible();
    await entry.click();
    await expect(entry).toHaveAttribute("aria-expanded", "true");

    const details = page.locator(`#${await entry.getAttribute("aria-controls")}`);
    await expect(details.getByRole("definition").first()).toHaveText("POST");
    const headers = details.getByRole("table", { name: "Headers" });
    await expect(headers.getByRole("row", { name: "x-outflow-test inspector-e2e" })).toBeVisible();
    await expect(headers.getByRole("row", { name: "content-type application/json" })).toBeVisible();
    await expect(details.getByRole("region", { name: "Body" })).toContainText('"email": "grace@example.com"');
  });

  await test.step("the list shows the inspector with its request count", async () => {
    await page.getByRole("link", { name: "← Request Inspector" }).click();
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row.getByRole("cell", { name: "1", exact: true })).toBeVisible();
    await expect(row.getByRole("button", { name: "Copy URL" })).toBeVisible();
  });
});

test.describe("an inspector's URL, called by anyone", () => {
  test.use({ storageState: signedOut });

  test("an unknown inspector id answers 404", async ({ request }) => {
    const unknown = await request.post("/api/inspect/not-an-inspector-id", { data: { a: 1 } });
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toEqual({ error: "No inspector with this id" });
  });
});

test("deleting an inspector stops its URL", async ({ page, playwright }) => {
  const name = unique("Short-lived inspector");
  const url = await createInspector(page, name);
  const caller = await playwright.request.newContext();
  // The positive control: before the delete, the same call is recorded.
  expect((await caller.get(url)).status()).toBe(200);

  await page.goto("/inspector");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row.getByLabel(`URL of ${name}`)).toHaveValue(url);
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: "Delete inspector" }).click();
  await expect(row).toHaveCount(0);
  expect((await caller.get(url)).status()).toBe(404);
  await caller.dispose();
});
