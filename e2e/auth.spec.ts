import type { Page } from "@playwright/test";
import { expect, owner, signedOut, test, uniqueSuffix, workspaceName } from "./fixtures";

// A visitor's browser: each test signs in on its own (the first sign-up is e2e/owner.setup.ts).
test.use({ storageState: signedOut });

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

function formError(page: Page, text: string) {
  return page.getByRole("alert").filter({ hasText: text });
}

test("signing out ends the session", async ({ page }) => {
  await page.goto("/sign-in");
  await signIn(page, owner.email, owner.password);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  await page.getByRole("button", { name: `Account: ${owner.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in to Outflow" })).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await signIn(page, owner.email, "not-the-password");
  await expect(formError(page, "The email or password is incorrect.")).toHaveText(
    "The email or password is incorrect.",
  );
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a signed-out visit to a deep link goes to sign-in and back", async ({ page }) => {
  await page.goto("/settings/members");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings%2Fmembers$/);
  await signIn(page, owner.email, owner.password);
  await expect(page).toHaveURL(/\/settings\/members$/);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
});

test("a second sign-up without an invite is refused", async ({ page }) => {
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { name: "Sign-up is closed" })).toBeVisible();
  await expect(formError(page, "ask your workspace owner for an invite link")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create workspace" })).toHaveCount(0);
});

test("an invite link lets a teammate join the workspace, once; the owner can remove them", async ({
  page,
  browser,
}) => {
  const suffix = uniqueSuffix();
  const member = {
    name: `Bob Babbage ${suffix}`,
    email: `bob.${suffix}@example.com`,
    password: "difference-engine-1822",
  };
  await page.goto("/sign-in?next=%2Fsettings%2Fmembers");
  await signIn(page, owner.email, owner.password);
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByRole("textbox", { name: "Invite link" }).inputValue();
  expect(link).toMatch(/\/sign-up\?invite=[\w-]{20,}$/);

  const teammate = await browser.newContext();
  const teammatePage = await teammate.newPage();
  await teammatePage.goto(link);
  await expect(teammatePage.getByRole("heading", { name: `Join ${workspaceName}` })).toBeVisible();
  await teammatePage.getByLabel("Your name").fill(member.name);
  await teammatePage.getByLabel("Email").fill(member.email);
  await teammatePage.getByLabel("Password").fill(member.password);
  await teammatePage.getByRole("button", { name: "Join workspace" }).click();
  await expect(teammatePage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(teammatePage.getByText(workspaceName).first()).toBeVisible();

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(link);
  await expect(strangerPage.getByRole("heading", { name: "This invite cannot be used" })).toBeVisible();
  await stranger.close();

  // Other specs may add members meanwhile: the row is what counts, not the total.
  await page.reload();
  await expect(page.getByRole("cell", { name: member.email })).toBeVisible();

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: `Remove ${member.name}` }).click();
  await expect(page.getByRole("cell", { name: member.email })).toHaveCount(0);

  await teammatePage.reload();
  await expect(teammatePage).toHaveURL(/\/sign-in$/);
  await teammate.close();
});
