import type { Page } from "@playwright/test";
import {
  createInspector,
  expect,
  owner,
  signedOut,
  test,
  unique,
  uniqueSuffix,
  workspaceName,
} from "./fixtures";

/** The sample dataset, created by the owner; returns its page's path. */
async function createSampleDataset(page: Page): Promise<string> {
  await page.goto("/datasets/new");
  await page.getByRole("button", { name: "Create sample dataset" }).click();
  await expect(page.getByText(/^200 records ·/)).toBeVisible();
  return new URL(page.url()).pathname;
}

test("a viewer sees no edit buttons and is refused by the server when forcing an action", async ({
  page,
  browser,
  baseURL,
}) => {
  const suffix = uniqueSuffix();
  const viewer = {
    name: `Vera Viewer ${suffix}`,
    email: `vera.viewer.${suffix}@example.com`,
    password: "read-only-but-curious-1",
  };
  const datasetPath = await createSampleDataset(page);

  const link = await test.step("the owner invites a viewer", async () => {
    await page.goto("/settings/members");
    await page.getByLabel("Their email (optional)").fill(viewer.email);
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Create invite link" }).click();
    const url = await page.getByRole("textbox", { name: "Invite link" }).inputValue();
    await page.reload();
    await expect(page.getByRole("listitem").filter({ hasText: viewer.email })).toContainText("as viewer");
    return url;
  });

  const context = await browser.newContext({ storageState: signedOut });
  const viewerPage = await context.newPage();
  await test.step("the viewer joins", async () => {
    await viewerPage.goto(link);
    await viewerPage.getByLabel("Your name").fill(viewer.name);
    await viewerPage.getByLabel("Email").fill(viewer.email);
    await viewerPage.getByLabel("Password").fill(viewer.password);
    await viewerPage.getByRole("button", { name: "Join workspace" }).click();
    await expect(viewerPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  });

  await test.step("datasets, destinations and credentials are read-only", async () => {
    await viewerPage.goto("/datasets");
    await expect(viewerPage.getByRole("heading", { name: "Datasets", level: 1 })).toBeVisible();
    await expect(viewerPage.getByRole("link", { name: "New dataset" })).toHaveCount(0);

    await viewerPage.goto(datasetPath);
    await expect(viewerPage.getByText(/^200 records ·/)).toBeVisible();
    await expect(viewerPage.getByRole("heading", { name: "Schema" })).toBeVisible();
    await expect(viewerPage.getByRole("link", { name: "Send to Destination" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: /Rename|Delete/ })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: /ingest key/i })).toHaveCount(0);

    await viewerPage.goto("/credentials");
    await expect(viewerPage.getByRole("heading", { name: "Credentials", level: 1 })).toBeVisible();
    await expect(viewerPage.getByRole("link", { name: /Create credential/i })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: /Test Connection/i })).toHaveCount(0);

    await viewerPage.goto("/inspector");
    await expect(viewerPage.getByRole("button", { name: "Create inspector" })).toHaveCount(0);

    await viewerPage.goto("/datasets/new");
    await expect(viewerPage.getByRole("note")).toHaveText(
      `Only editors, admins and owners can change datasets. Ask an editor or admin of ${workspaceName}.`,
    );
    await expect(viewerPage.getByRole("button", { name: "Create sample dataset" })).toHaveCount(0);

    await viewerPage.goto("/settings/audit-log");
    await expect(viewerPage.getByRole("note")).toHaveText(
      `Only admins and owners can read the audit log. Ask an admin of ${workspaceName}.`,
    );
  });

  await test.step("forcing an upload is refused by the server", async () => {
    const response = await viewerPage.request.post("/api/datasets/upload?name=Forced%20by%20a%20viewer", {
      headers: { origin: baseURL as string, "content-type": "application/x-ndjson" },
      data: '{"id":1}\n',
    });
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({
      error: `Only editors, admins and owners can change datasets. Ask an editor or admin of ${workspaceName}.`,
    });
    await viewerPage.goto("/datasets");
    await expect(viewerPage.getByRole("link", { name: "Forced by a viewer" })).toHaveCount(0);
  });
  await context.close();
});

test("the audit log shows a destination edit with its diff", async ({ page }) => {
  const inspectorName = unique("Audit receiver");
  const destinationName = unique("Audited destination");
  await createInspector(page, inspectorName);

  await test.step("a destination to the inspector, saved as version 1", async () => {
    await createSampleDataset(page);
    await page.getByRole("link", { name: "Send to Destination" }).click();
    await page
      .getByRole("group", { name: "Connector" })
      .getByText("Request Inspector", { exact: true })
      .click();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("radio", { name: new RegExp(inspectorName) }).check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/setup\?step=endpoint$/);
    await expect(page.getByRole("listitem", { name: "Request 1" })).toBeVisible();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("Destination name").fill(destinationName);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("heading", { name: destinationName, level: 1 })).toBeVisible();
  });

  await test.step("the owner adds a header and saves version 2", async () => {
    await page.goto(`${new URL(page.url()).pathname}/setup?step=endpoint`);
    await page.getByRole("button", { name: "Add header" }).click();
    await page.getByLabel("Header 1 name").fill("X-Audit");
    await page.getByLabel("Header 1 value").fill("checked");
    await expect(page.getByRole("listitem", { name: "Request 1" })).toContainText("X-Audit: checked");
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/setup\?step=review$/);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("heading", { name: destinationName, level: 1 })).toBeVisible();
    await expect(page.getByText(/version 2/).first()).toBeVisible();
  });

  await test.step("the audit log shows the edit with its diff", async () => {
    await page.getByRole("button", { name: `Account: ${owner.name}` }).click();
    await page.getByRole("menuitem", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await page.getByLabel("Resource").selectOption("destination");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/resource=destination/);
    const diff = page.getByRole("table", { name: `Changes: destination.edited ${destinationName}` });
    await expect(diff.getByRole("row", { name: /^Request Headers/ })).toContainText("X-Audit: checked");
    await expect(diff.getByRole("row", { name: /^Request Headers/ })).toContainText("(not set)");
    const row = page.getByRole("table", { name: "Audit events" }).getByRole("row").filter({ has: diff });
    await expect(row).toContainText(owner.name);
    await expect(row).toContainText("destination.edited");
  });
});
