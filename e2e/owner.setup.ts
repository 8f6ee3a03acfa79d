import { expect, test as setup } from "@playwright/test";
import { owner, ownerStorageState, workspaceName } from "./fixtures";

// Runs before every spec (the setup project), on the fresh install scripts/test-e2e.ts starts.
setup("the first sign-up creates the workspace and lands on the dashboard", async ({ page }) => {
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { name: "Set up Outflow" })).toBeVisible();
  await page.getByLabel("Workspace name").fill(workspaceName);
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Create workspace" }).click();

  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByText(`Welcome, ${owner.name}.`)).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Datasets" })).toBeVisible();
  await nav.getByRole("link", { name: "Credentials" }).click();
  await expect(page.getByRole("heading", { name: "No credentials yet" })).toBeVisible();

  await page.context().storageState({ path: ownerStorageState });
});
