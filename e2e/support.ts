import { expect, type Page } from "@playwright/test";

/** The workspace owner that e2e/auth.spec.ts signs up first; later specs sign in as them. */
export const owner = { name: "Ada Lovelace", email: "ada@example.com", password: "analytical-engine-1843" };

export async function signInAsOwner(page: Page, next = "/") {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  // Signed in already: the sign-in page sends the browser straight on.
  if (!new URL(page.url()).pathname.startsWith("/sign-in")) return;
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}
