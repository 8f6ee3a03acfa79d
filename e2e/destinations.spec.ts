import type { Page } from "@playwright/test";
import { createInspector, expect, test, unique, waitForRequestCount } from "./fixtures";

const HOTJAR_SECRET = "hotjar-secret-for-destinations-e2e";

async function startFromSampleDataset(page: Page, connector: RegExp) {
  await page.goto("/datasets/new");
  await page.getByRole("button", { name: "Create sample dataset" }).click();
  await expect(page.getByText(/^200 records ·/)).toBeVisible();
  await page.getByRole("link", { name: "Send to Destination" }).click();
  await page.getByText(connector).first().click();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/setup\?step=credential$/);
}

/** On the credential step: a new FullStory credential whose key may also go to `allowedOrigin`. */
async function createFullStoryCredential(page: Page, allowedOrigin?: string) {
  await page.getByRole("button", { name: "Create Credential" }).click();
  const name = unique("FullStory sandbox");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("API key").fill("na1.fullstory-e2e-key-0001");
  if (allowedOrigin) {
    // The key goes only to FullStory's API and the domains listed here.
    await page.getByText("Advanced").click();
    await page.getByLabel("Allowed domains").fill(allowedOrigin);
  }
  await page.getByRole("button", { name: "Create Credential" }).click();
  await expect(page.getByRole("radio", { name: new RegExp(name) })).toBeChecked();
}

test("Hotjar User Lookup: preview, send test data to the fake, resume after a reload, save", async ({
  page,
  fakes,
}) => {
  const hotjar = await fakes.hotjar({
    clientId: "hj-destinations",
    clientSecret: HOTJAR_SECRET,
    scaleplan: true,
  });
  const credentialName = unique("Hotjar for lookups");
  const destinationName = unique("Hotjar privacy lookups");
  await startFromSampleDataset(page, /^Hotjar API$/);

  await test.step("create the credential inline, then Next", async () => {
    await page.getByRole("button", { name: "Create Credential" }).click();
    await page.getByLabel("Name", { exact: true }).fill(credentialName);
    await page.getByLabel("Client ID").fill("hj-destinations");
    await page.getByLabel("Client Secret").fill(HOTJAR_SECRET);
    await page.getByText("Advanced").click();
    await page.getByLabel("API base URL").fill(hotjar.url);
    await page.getByRole("button", { name: "Create Credential" }).click();
    await expect(page.getByRole("radio", { name: new RegExp(credentialName) })).toBeChecked();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/setup\?step=endpoint$/);
  });

  const sentBody = await test.step("the preview shows the organization id in the URL", async () => {
    await expect(page.getByLabel("Endpoint", { exact: true })).toHaveValue("user-lookup");
    await page.getByLabel("Organization ID").fill("12345");
    const first = page.getByRole("listitem", { name: "Request 1" });
    await expect(
      first.getByText(`POST ${hotjar.url}/v1/organizations/12345/user-lookup`, { exact: true }),
    ).toBeVisible();
    await expect(first).toContainText("authorization: Bearer ••••");
    await expect(first.getByRole("region", { name: "Request body" })).toContainText('"data_subject_email"');
    return page.getByLabel("Body to send").innerText();
  });

  await test.step("Send Test Data reaches the fake with exactly the previewed body", async () => {
    // A lookup alone deletes nothing, so nothing is asked.
    await expect(page.getByText("deletes data in your account for real")).toHaveCount(0);
    await page.getByRole("button", { name: "Send Test Data" }).click();
    const result = page.getByRole("region", { name: "Endpoint Test Result" });
    await expect(result.getByText(/^200 · /)).toBeVisible();
    const [lookup] = await waitForRequestCount(hotjar, 1, (r) => r.path.endsWith("/user-lookup"));
    expect(lookup?.body).toBe(sentBody);
    expect(lookup?.headers.authorization).toMatch(/^Bearer /);
  });

  await test.step("deletion is a setting, off by default; on, it is warned of and confirmed", async () => {
    const result = page.getByRole("region", { name: "Endpoint Test Result" });
    await expect(result.getByRole("status")).toHaveCount(0);
    await page.getByRole("checkbox", { name: "Also delete this person's data" }).check();
    // The result above was of the settings before this change, and says so.
    await expect(result.getByRole("status")).toHaveText(
      "From the previous settings: send again to test these.",
    );
    const first = page.getByRole("listitem", { name: "Request 1" });
    await expect(first.getByLabel("Request body")).toContainText('"delete_all_hits": true');
    await expect(page.getByText("deletes data in your account for real")).toBeVisible();
    await expect(page.getByRole("button", { name: "Send Test Data" })).toBeDisabled();
    await page.getByRole("checkbox", { name: "Yes, delete this data for real" }).check();
    await expect(page.getByRole("button", { name: "Send Test Data" })).toBeEnabled();
    await page.getByRole("checkbox", { name: "Also delete this person's data" }).uncheck();
    await expect(first.getByLabel("Request body")).toContainText('"delete_all_hits": false');
  });

  await test.step("what is typed is saved as a draft at once: a reload, or the wizard opened again, keeps it", async () => {
    await page.getByLabel("Organization ID").fill("67890");
    await expect(page.getByRole("status", { name: "Draft" })).toHaveText(/^Draft saved at /);
    await page.reload();
    await expect(page.getByLabel("Organization ID")).toHaveValue("67890");
    // Opened without a step, the wizard goes back to the step the draft was left on.
    await page.goto(page.url().replace(/\?step=endpoint$/, ""));
    await expect(page.getByLabel("Organization ID")).toHaveValue("67890");
    await page.getByLabel("Organization ID").fill("12345");
    await expect(page.getByRole("status", { name: "Draft" })).toHaveText(/^Draft saved at /);
  });

  await test.step("the body editor checks JSON as it is typed", async () => {
    await page.getByLabel("Body to send").click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type(",");
    await expect(page.getByText(/^Not valid JSON/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Send Test Data" })).toBeDisabled();
  });

  await test.step("Next saves the draft; a reload resumes where the user was", async () => {
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/setup\?step=review$/);
    await page.reload();
    await expect(page.getByLabel("Destination name")).toHaveValue(/Sample users and events/);
    await page.getByRole("button", { name: "Back" }).click();
    await expect(page.getByLabel("Organization ID")).toHaveValue("12345");
    await page.getByRole("button", { name: "Next" }).click();
  });

  await test.step("Done saves version 1, inactive", async () => {
    await page.getByLabel("Destination name").fill(destinationName);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("heading", { name: destinationName, level: 1 })).toBeVisible();
    await expect(page.getByText("Version 1 · saved")).toBeVisible();
  });
});

test("FullStory configured manually to the Request Inspector: excluded attributes, batches of 3 by attribute, NDJSON", async ({
  page,
}) => {
  const inspectorName = unique("FullStory check");
  const inspectorUrl = await createInspector(page, inspectorName);

  await startFromSampleDataset(page, /^FullStory$/);
  await createFullStoryCredential(page, new URL(inspectorUrl).origin);
  await page.getByRole("button", { name: "Next" }).click();

  await page.getByLabel("Endpoint", { exact: true }).selectOption({ label: "Configure Manually" });
  await page.getByLabel("URL", { exact: true }).fill("https://elsewhere.example/fullstory/users");
  await expect(
    page.getByText(
      "https://elsewhere.example is not on https://api.fullstory.com, the API this credential is for. Use a URL on https://api.fullstory.com, or add the domain to the credential's Allowed domains.",
    ),
  ).toBeVisible();
  await page.getByLabel("URL", { exact: true }).fill(`${inspectorUrl}/fullstory/users`);
  await page.getByLabel("Content Format").selectOption("ndjson");
  await page.getByRole("checkbox", { name: "marketing_opt_in" }).check();
  await page.getByRole("checkbox", { name: "properties.session_id" }).check();
  await page.getByRole("checkbox", { name: "Would you like to batch your records together?" }).check();
  await page.getByLabel("Batch Size").fill("3");
  await page.getByLabel("Grouping Algorithm").selectOption("attribute");
  await page.getByLabel("Group by attribute").selectOption("event_type");

  const first = page.getByRole("listitem", { name: "Request 1" });
  await expect(first).toContainText("content-type: application/x-ndjson");
  const body = first.getByRole("region", { name: "Request body" }).getByRole("figure", { name: "Body text" });
  const previewedRecords = async () =>
    ((await body.textContent()) ?? "")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
  // The preview follows every change, a moment later: wait until it shows all of them. The body
  // carries no event_type, but the sample dataset gives record i the event (i * 5) % 6 and the uid
  // user_(1000 + i % 150), so one event's records have uids six apart.
  const sameEvent = (records: { uid: string }[]) =>
    new Set(records.map((r) => Number(r.uid.replace("user_", "")) % 6)).size === 1;
  await expect
    .poll(async () => {
      const shown = await previewedRecords();
      return (
        shown.length > 1 &&
        sameEvent(shown) &&
        shown.every((r) => !("marketing_opt_in" in r) && !("session_id" in (r.properties ?? {})))
      );
    })
    .toBe(true);
  const records = await previewedRecords();
  expect(records.length).toBeGreaterThan(0);
  expect(records.length).toBeLessThanOrEqual(3);
  for (const record of records) {
    expect(record).not.toHaveProperty("marketing_opt_in");
    expect(record.properties).not.toHaveProperty("session_id");
  }
  const previewed = (await body.textContent()) ?? "";

  await page.getByRole("button", { name: "Send Test Data" }).click();
  await expect(page.getByRole("region", { name: "Endpoint Test Result" }).getByText(/^200 · /)).toBeVisible();

  await page.goto("/inspector");
  await page.getByRole("link", { name: inspectorName }).click();
  const entry = page
    .getByRole("list", { name: "Received requests" })
    .getByRole("button", { name: /^POST \/fullstory\/users/ });
  await entry.click();
  const details = page.locator(`#${await entry.getAttribute("aria-controls")}`);
  await expect(
    details.getByRole("region", { name: "Body" }).getByRole("figure", { name: "Body text" }),
  ).toHaveText(previewed);
});

test("an invalid URL and a header with a line break are shown on their fields", async ({ page }) => {
  await startFromSampleDataset(page, /^FullStory$/);
  await createFullStoryCredential(page);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/setup\?step=endpoint$/);
  await page.getByLabel("Endpoint", { exact: true }).selectOption({ label: "Configure Manually" });
  await page.getByLabel("URL", { exact: true }).fill("not a url");
  await expect(page.getByText("Enter a full URL, e.g. https://api.example.com/v1/items.")).toBeVisible();
  await expect(page.getByLabel("URL", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("URL", { exact: true }).fill("https://api.example.com/v1/items");
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header 1 name").fill("X-Source");
  await page.getByLabel("Header 1 value").fill("outflow\nInjected: yes");
  await expect(page.getByLabel("Header 1 value")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
});

test("a configuration that cannot build a single request is refused, saying why; grouping by the field makes it work", async ({
  page,
}) => {
  const inspectorName = unique("Per-event endpoint");
  const inspectorUrl = await createInspector(page, inspectorName);
  await page.goto("/datasets/new");
  await page.getByRole("button", { name: "Create sample dataset" }).click();
  await page.getByRole("link", { name: "Send to Destination" }).click();
  await page
    .getByRole("group", { name: "Connector" })
    .getByText("Request Inspector", { exact: true })
    .click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("radio", { name: new RegExp(inspectorName) }).check();
  await page.getByRole("button", { name: "Next" }).click();

  await page.getByLabel("URL", { exact: true }).fill(`${inspectorUrl}/events/{{record.event_type}}`);
  await page.getByRole("checkbox", { name: "Would you like to batch your records together?" }).check();
  await page.getByLabel("Batch Size").fill("10");

  // Records of one batch have different event types: no URL fits them all.
  await expect(page.getByRole("alert").filter({ hasText: "No request can be built" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  await expect(page.getByRole("region", { name: "Pre-flight" })).toContainText("event_type");

  await page.getByLabel("Grouping Algorithm").selectOption("attribute");
  await page.getByLabel("Group by attribute").selectOption("event_type");
  const first = page.getByRole("listitem", { name: "Request 1" });
  await expect(first).toContainText(/event_type = "\w+" · Carries records #/);
  await expect(page.getByRole("button", { name: "Next" })).toBeEnabled();
});
