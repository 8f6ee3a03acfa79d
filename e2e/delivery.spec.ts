import type { APIRequestContext, Page } from "@playwright/test";
import { json } from "../lib/testing/fake-apis/fake-server";
import {
  createEmptyDataset,
  createInspector,
  expect,
  type Ingest,
  test,
  unique,
  waitForRequestCount,
} from "./fixtures";

async function ingest(request: APIRequestContext, target: Ingest, records: object[]) {
  const response = await request.post(target.url, {
    headers: { authorization: `Bearer ${target.key}`, "content-type": "application/x-ndjson" },
    data: records.map((record) => JSON.stringify(record)).join("\n"),
  });
  expect(response.status()).toBe(202);
  expect(await response.json()).toEqual({ accepted: records.length });
}

/** From the dataset page: Send to Destination, pick the connector, go to its credential step. */
async function startWizard(page: Page, dataset: string, connector: string) {
  await page.getByRole("link", { name: "Open the dataset" }).click();
  await expect(page.getByRole("heading", { name: dataset, level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Send to Destination" }).click();
  await page.getByRole("group", { name: "Connector" }).getByText(connector, { exact: true }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/setup\?step=credential$/);
}

/** From the endpoint step: Next once the preview is in, name the destination, Done. */
async function finishWizard(page: Page, name: string) {
  await expect(page.getByRole("listitem", { name: "Request 1" })).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/setup\?step=review$/);
  await page.getByLabel("Destination name").fill(name);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

/** The badge at the top of a destination's page: Draft, Active, Paused or Failing. */
function destinationStatus(page: Page) {
  return page.getByRole("status", { name: "Destination status" });
}

/** The destination page's alert saying why it is failing (Next's route announcer is an alert too). */
function failingAlert(page: Page) {
  return page.getByRole("alert").filter({ hasText: "this destination is failing" });
}

/** One of the destination page's sections: Overview, Runs, Request Log, Failed Records, Settings. */
async function openTab(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Destination sections" }).getByRole("link", { name }).click();
  await expect(
    page.getByRole("navigation", { name: "Destination sections" }).getByRole("link", { name }),
  ).toHaveAttribute("aria-current", "page");
}

test("Activate delivers the dataset to a Request Inspector, then new records as they arrive; Pause stops", async ({
  page,
  request,
}) => {
  const inspectorName = unique("Delivery receiver");
  const datasetName = unique("Delivery signups");
  const inspectorPath = await test.step("create an inspector", async () => {
    await createInspector(page, inspectorName);
    return new URL(page.url()).pathname;
  });

  const stream = await test.step("a dataset with three records, posted to its ingest endpoint", async () => {
    const target = await createEmptyDataset(page, datasetName);
    await ingest(request, target, [
      { uid: "u_1", email: "ada@example.com" },
      { uid: "u_2", email: "grace@example.com" },
      { uid: "u_3", email: "alan@example.com" },
    ]);
    return target;
  });

  await test.step("a destination to the inspector, saved with Done", async () => {
    await startWizard(page, datasetName, "Request Inspector");
    await page.getByRole("radio", { name: new RegExp(inspectorName) }).check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/setup\?step=endpoint$/);
    await finishWizard(page, unique("Signups to the inspector"));
    await expect(destinationStatus(page)).toHaveText("Draft");
    await openTab(page, "Runs");
    await expect(page.getByText("No runs yet.")).toBeVisible();
  });

  const destinationPath = new URL(page.url()).pathname;

  await test.step("Activate: the run appears and succeeds without a reload", async () => {
    await page.getByRole("button", { name: "Activate" }).click();
    await expect(destinationStatus(page)).toHaveText("Active");
    await expect(page.getByRole("button", { name: "Run Now" })).toBeVisible();
    const run = page.getByRole("table", { name: "Runs" }).getByRole("row", { name: /^Activate 1 / });
    await expect(run).toContainText("Succeeded");
    await expect(run).toContainText("3 of 3 delivered");
    await expect(run).toContainText("0 failed");
    await openTab(page, "Overview");
    await expect(page.getByRole("region", { name: "Delivery", exact: true })).toContainText(
      /Records waiting\s*0\s*Requests queued/,
    );
    const totals = page.getByRole("table", { name: "Delivery totals" });
    await expect(totals.getByRole("row", { name: /^Records delivered 3 3 3$/ })).toBeVisible();
    await expect(
      totals.getByRole("row", { name: /^Error rate \(records failed\) 0 % 0 % 0 %$/ }),
    ).toBeVisible();
    await expect(page.getByText(/Configuration in force: Version 1 · saved/)).toBeVisible();
  });

  const received = page.getByRole("list", { name: "Received requests" }).getByRole("button", {
    name: /^POST /,
  });

  await test.step("the inspector received the three records", async () => {
    await page.goto(inspectorPath);
    await expect(received).toHaveCount(3);
    await received.first().click();
    const details = page.locator(`#${await received.first().getAttribute("aria-controls")}`);
    await expect(details.getByRole("region", { name: "Body" })).toContainText(
      /"email": "(ada|grace|alan)@example.com"/,
    );
  });

  await test.step("two records ingested later arrive on their own", async () => {
    await ingest(request, stream, [
      { uid: "u_4", email: "kat@example.com" },
      { uid: "u_5", email: "dennis@example.com" },
    ]);
    await expect(received).toHaveCount(5);
    const bodies = page.getByRole("region", { name: "Body" });
    await received.nth(0).click();
    await received.nth(1).click();
    await expect(bodies.filter({ hasText: /"email": "(kat|dennis)@example.com"/ })).toHaveCount(2);
  });

  await test.step("the destination shows the run the new records started", async () => {
    await page.goto(`${destinationPath}?tab=runs`);
    const run = page.getByRole("table", { name: "Runs" }).getByRole("row", { name: /^New records / });
    await expect(run).toContainText("Succeeded");
    await expect(run).toContainText("2 of 2 delivered");
  });

  await test.step("Pause", async () => {
    await page.getByRole("button", { name: "Pause" }).click();
    await expect(destinationStatus(page)).toHaveText("Paused");
    await expect(page.getByRole("button", { name: "Activate" })).toBeEnabled();
    await expect(page.getByRole("button", { name: "Run Now" })).toHaveCount(0);
  });
});

test.describe("an API that refuses some records", () => {
  const TOKEN = "contacts-secret-token-9876";

  test("a run is watched as it goes, its errors grouped and its failed request opened; fixed, Retry Failed Records delivers", async ({
    page,
    request,
    fakes,
  }) => {
    /** Until fixed, the API refuses addresses without an @, as real APIs answer 422. */
    let acceptsAnything = false;
    /** Requests after the first `holdAfter` wait until `release()`, so a run can be watched mid-way. */
    let holdAfter = Number.POSITIVE_INFINITY;
    let answered = 0;
    let release: () => void = () => undefined;
    let held: Promise<void> = Promise.resolve();
    const api = await fakes.api("contacts", async (received) => {
      if (received.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { error: "unauthorized" });
      if (answered++ >= holdAfter) await held;
      const contact = JSON.parse(received.body || "{}") as { email?: string };
      return acceptsAnything || contact.email?.includes("@")
        ? json(200, { ok: true })
        : json(422, { error: "invalid email address" });
    });
    const datasetName = unique("Contacts stream");
    const destinationName = unique("Contacts to the API");
    const credentialName = unique("Contacts API");
    const stream = await test.step("a dataset with two bad addresses among six", async () => {
      const target = await createEmptyDataset(page, datasetName);
      await ingest(request, target, [
        { uid: "c_1", email: "edsger@example.com" },
        { uid: "c_2", email: "not-an-email" },
        { uid: "c_3", email: "barbara@example.com" },
        { uid: "c_4", email: "john@example.com" },
        { uid: "c_5", email: "nope" },
        { uid: "c_6", email: "frances@example.com" },
      ]);
      return target;
    });

    await test.step("a destination to the contacts API with a bearer token, saved with Done", async () => {
      await startWizard(page, datasetName, "HTTP API");
      await page.getByRole("button", { name: "Create Credential" }).click();
      await page.getByLabel("Name", { exact: true }).fill(credentialName);
      await page.getByLabel("Authentication").selectOption({ label: "Bearer token" });
      await page.getByLabel("Token", { exact: true }).fill(TOKEN);
      await page.getByLabel("API base URL").fill(api.url);
      await page.getByRole("button", { name: "Create Credential" }).click();
      await expect(page.getByRole("radio", { name: new RegExp(credentialName) })).toBeChecked();
      await page.getByRole("button", { name: "Next" }).click();
      await expect(page).toHaveURL(/\/setup\?step=endpoint$/);
      await page.getByLabel("URL", { exact: true }).fill(`${api.url}/contacts`);
      await finishWizard(page, destinationName);
    });

    const destinationPath = new URL(page.url()).pathname;
    const settings = page.getByRole("region", { name: "Delivery settings" });

    await test.step("Delivery settings show zod's errors on their fields, then save", async () => {
      await openTab(page, "Settings");
      await settings.getByLabel("Schedule").selectOption({ label: "Every N minutes" });
      await settings.getByLabel("Concurrency").fill("0");
      await settings.getByRole("button", { name: "Save" }).click();
      await expect(settings.getByLabel("Concurrency")).toHaveAttribute("aria-invalid", "true");
      await expect(settings.getByText("At least 1.", { exact: true })).toBeVisible();
      await expect(settings.getByText("Enter a number of minutes.")).toBeVisible();

      await settings.getByLabel("Schedule").selectOption({ label: "As records arrive" });
      // One request at a time, so the run can be held after exactly three answers.
      await settings.getByLabel("Concurrency").fill("1");
      await settings.getByLabel("Max attempts").fill("3");
      await settings.getByRole("button", { name: "Save" }).click();
      await expect(settings.getByRole("status")).toHaveText("Saved.");
      await page.reload();
      await expect(settings.getByLabel("Concurrency")).toHaveValue("1");
      await expect(settings.getByLabel("Max attempts")).toHaveValue("3");
    });

    const runs = page.getByRole("table", { name: "Runs" });
    const progress = page.getByRole("progressbar", { name: "Run progress" });
    const counts = page.getByRole("table", { name: "Run counts" });

    await test.step("Activate, open the run: its progress and counts move without a reload", async () => {
      holdAfter = 3;
      answered = 0;
      held = new Promise((resolve) => {
        release = resolve;
      });
      await page.getByRole("button", { name: "Activate" }).click();
      await expect(destinationStatus(page)).toHaveText("Active");
      await openTab(page, "Runs");
      const run = runs.getByRole("row", { name: /^Activate 1 / });
      await expect(run).toContainText("Running");
      await run.getByRole("link", { name: "Activate" }).click();
      await expect(page.getByRole("heading", { level: 1, name: /^Activate run/ })).toBeVisible();
      await expect(page.getByRole("status", { name: "Run outcome" })).toHaveText("Running");
      await expect(progress).toHaveAttribute("aria-valuemax", "6");
      await expect(progress).toHaveAttribute("aria-valuenow", "3");
      await expect(counts.getByRole("row", { name: "Records delivered 2" })).toBeVisible();

      release();
      await expect(page.getByRole("status", { name: "Run outcome" })).toHaveText("Partially failed");
      await expect(progress).toHaveCount(0);
      await expect(counts.getByRole("row", { name: "Records delivered 4" })).toBeVisible();
      await expect(counts.getByRole("row", { name: "Records failed 2" })).toBeVisible();
    });

    await test.step("the run's errors are grouped by kind; the group opens to its samples", async () => {
      const groups = page.getByRole("list", { name: "Errors by kind" });
      await expect(groups.getByRole("listitem")).toHaveCount(1);
      const group = groups.getByRole("listitem").first();
      await expect(group).toContainText("invalid email address");
      await expect(group).toContainText("× 2 requests · 2 failed records");
      const sample = group.getByRole("link", { name: /^Request \d+$/ });
      await expect(sample.first()).toBeHidden();
      await group.getByText(/^The API answered 422 .*invalid email address$/).click();
      await expect(sample).toHaveCount(2);
      await expect(group.getByText(/^record #\d+, record #\d+$/)).toBeVisible();
    });

    await test.step("the Request Log, filtered to 4xx, opens a refused request: masked request and the response", async () => {
      await page.getByRole("link", { name: `${destinationName} · Runs` }).click();
      await openTab(page, "Request Log");
      const log = page.getByRole("table", { name: "Requests" });
      await expect(log.getByRole("row")).toHaveCount(7);
      await page.getByLabel("Status", { exact: true }).selectOption({ label: "4xx client error" });
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(log.getByRole("row")).toHaveCount(3);
      await expect(log.getByRole("row").nth(1)).toContainText("422");
      await page.getByLabel("URL or error contains").fill("no such thing");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(page.getByText("No requests match this filter.")).toBeVisible();
      await page.getByLabel("URL or error contains").fill("invalid email");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(log.getByRole("row")).toHaveCount(3);

      await log
        .getByRole("link", { name: /^Request \d+/ })
        .first()
        .click();
      await expect(page.getByRole("heading", { level: 1, name: /^Request \d+: POST 422$/ })).toBeVisible();
      const sent = page.getByRole("region", { name: "Request", exact: true });
      await expect(sent).toContainText(`POST ${api.url}/contacts`);
      const headers = page.getByRole("region", { name: "Request headers" });
      await expect(headers).toContainText(/authorization\s*Bearer ••••/i);
      await expect(page.locator("body")).not.toContainText(TOKEN);
      await expect(page.getByRole("region", { name: "Request body" })).toContainText(
        /"email": "(not-an-email|nope)"/,
      );
      await expect(page.getByText("Status 422", { exact: true })).toBeVisible();
      await expect(page.getByRole("region", { name: "Response body" })).toContainText(
        '"error": "invalid email address"',
      );
    });

    const failed = page.getByRole("region", { name: "Failed Records" });

    await test.step("Edit: invalid JSON is refused on the field, a fixed record is saved", async () => {
      await page.goto(`${destinationPath}?tab=failed`);
      const letter = failed.getByRole("row", { name: /not-an-email/ });
      await expect(letter).toContainText("422");
      await expect(letter).toContainText("invalid email address");
      await letter.getByRole("button", { name: "Edit" }).click();
      const editor = failed.getByLabel("Record JSON");
      await editor.fill('{"uid": "c_2", "email": ');
      await failed.getByRole("button", { name: "Save" }).click();
      await expect(failed.getByRole("alert")).toContainText("The record is not valid JSON");
      await editor.fill('{"uid": "c_2", "email": "tony@example.com"}');
      await failed.getByRole("button", { name: "Save" }).click();
      await expect(editor).toHaveCount(0);
      await expect(failed.getByRole("row", { name: /tony@example\.com/ })).toContainText("edited");
    });

    await test.step("the API is fixed; Retry Failed Records delivers both in a new run", async () => {
      acceptsAnything = true;
      await expect(
        failed.getByText("None selected: Retry Failed Records and Discard apply to all 2 failed records."),
      ).toBeVisible();
      await failed.getByRole("button", { name: "Retry Failed Records" }).click();
      await expect(failed.getByText("No failed records.")).toBeVisible();
      await openTab(page, "Runs");
      const retry = runs.getByRole("row", { name: /^Retry Failed Records / });
      await expect(retry).toContainText("Succeeded");
      await expect(retry).toContainText("2 of 2 delivered");
      await waitForRequestCount(
        api,
        2,
        (sent) => sent.status === 200 && /tony@example\.com|"nope"/.test(sent.body),
      );
      await page
        .getByRole("navigation", { name: "Filter runs by outcome" })
        .getByRole("link", { name: "Succeeded" })
        .click();
      await expect(runs.getByRole("row")).toHaveCount(2);
      await expect(runs.getByRole("row", { name: /^Retry Failed Records / })).toBeVisible();
    });

    await test.step("a selected failed record is discarded after confirmation", async () => {
      acceptsAnything = false;
      await ingest(request, stream, [
        { uid: "c_7", email: "still-not-an-email" },
        { uid: "c_8", email: "nope-again" },
      ]);
      await openTab(page, "Failed Records");
      // An idle active destination's page looks for new runs every few seconds.
      await expect(failed.getByRole("row", { name: /still-not-an-email/ })).toBeVisible({ timeout: 20_000 });
      await expect(failed.getByRole("row", { name: /"nope-again"/ })).toBeVisible();
      await failed
        .getByRole("checkbox", { name: /^Select record/ })
        .first()
        .check();
      await expect(
        failed.getByText("1 selected: Retry Failed Records and Discard apply to it only."),
      ).toBeVisible();
      page.once("dialog", (dialog) => {
        expect(dialog.message()).toBe("Discard the 1 selected failed record? It will not be sent.");
        return dialog.accept();
      });
      await failed.getByRole("button", { name: "Discard" }).click();
      await expect(failed.getByRole("row", { name: /^Select record/ })).toHaveCount(1);
    });

    await test.step("Failed Records filtered by reason: Retry applies to that reason's records", async () => {
      const byReason = page.getByRole("list", { name: "Failed records by reason" });
      await expect(byReason.getByRole("listitem")).toHaveCount(1);
      await expect(byReason.getByRole("listitem")).toContainText(
        /^1\s*The API answered 422 .*invalid email address$/,
      );
      await byReason.getByRole("link", { name: /invalid email address/ }).click();
      await expect(page).toHaveURL(/failedReason=/);
      await expect(page.getByText("1 failed record matches the filter.")).toBeVisible();
      await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
        "href",
        /format=csv&reason=/,
      );
      await expect(
        page.getByText(
          "None selected: Retry Failed Records and Discard apply to the 1 failed record matching the filter.",
        ),
      ).toBeVisible();
      acceptsAnything = true;
      await page.getByRole("button", { name: "Retry Failed Records" }).click();
      // The record leaves Failed Records at once (the page then has none left to list) and is delivered.
      await expect(page.getByText(/^No failed records\./)).toBeVisible({ timeout: 20_000 });
      await waitForRequestCount(
        api,
        1,
        (sent) => sent.status === 200 && /still-not-an-email|nope-again/.test(sent.body),
      );
    });

    await test.step("Settings: Edit endpoint saves version 2; the diff shows the changed URL", async () => {
      await openTab(page, "Settings");
      await page.getByRole("link", { name: "Edit endpoint" }).click();
      await expect(page).toHaveURL(/\/setup\?step=endpoint$/);
      await page.getByLabel("URL", { exact: true }).fill(`${api.url}/v2/contacts`);
      await finishWizard(page, destinationName);
      await openTab(page, "Settings");
      await expect(page.getByLabel("From version")).toHaveValue("1");
      await expect(page.getByLabel("To version")).toHaveValue("2");
      await page.getByRole("button", { name: "Compare" }).click();
      const diff = page.getByRole("table", { name: "Changes from version 1 to version 2" });
      await expect(diff.getByRole("row", { name: /^URL / })).toContainText(`${api.url}/v2/contacts`);
      await expect(diff.getByRole("row", { name: /^URL / })).toContainText(`${api.url}/contacts`);
    });
  });

  test("a rejected credential sets the destination failing: the dashboard names it and why, and the bell counts it", async ({
    page,
    request,
    fakes,
  }) => {
    const api = await fakes.api("leads", (received) =>
      received.headers.authorization === `Bearer ${TOKEN}`
        ? json(200, { ok: true })
        : json(401, { error: "unauthorized" }),
    );
    const name = unique("Leads to the API");
    const datasetName = unique("Leads stream");
    const credentialName = unique("Leads API (revoked)");
    await test.step("a destination whose token the API no longer accepts, activated", async () => {
      const target = await createEmptyDataset(page, datasetName);
      await ingest(request, target, [{ uid: "l_1", email: "grace@example.com" }]);
      await startWizard(page, datasetName, "HTTP API");
      await page.getByRole("button", { name: "Create Credential" }).click();
      await page.getByLabel("Name", { exact: true }).fill(credentialName);
      await page.getByLabel("Authentication").selectOption({ label: "Bearer token" });
      await page.getByLabel("Token", { exact: true }).fill("revoked-token-0123456789");
      await page.getByLabel("API base URL").fill(api.url);
      await page.getByRole("button", { name: "Create Credential" }).click();
      await expect(page.getByRole("radio", { name: credentialName })).toBeChecked();
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByLabel("URL", { exact: true }).fill(`${api.url}/leads`);
      await finishWizard(page, name);
      await page.getByRole("button", { name: "Activate" }).click();
      await expect(destinationStatus(page)).toHaveText("Failing");
      await expect(failingAlert(page)).toContainText("The credential was rejected");
    });

    await test.step("the run says what stopped it and what waits; the way to fix it opens the credential", async () => {
      await openTab(page, "Runs");
      await page
        .getByRole("table", { name: "Runs" })
        .getByRole("row", { name: /^Activate / })
        .getByRole("link", { name: "Activate" })
        .click();
      await expect(page.getByRole("status", { name: "Run outcome" })).toHaveText(
        "Stopped: credential rejected",
      );
      const stopped = page.getByRole("alert").filter({ hasText: "Stopped: credential rejected" });
      await expect(stopped).toContainText("0 delivered, 1 waiting");
      await stopped.getByRole("link", { name: "Fix the credential" }).click();
      await expect(page.getByRole("heading", { name: credentialName, level: 1 })).toBeVisible();
    });

    await test.step("the dashboard puts it under Needs attention with the reason; one click opens it", async () => {
      await page.goto("/");
      const attention = page.getByRole("region", { name: "Needs attention" });
      await expect(attention).toContainText("The credential was rejected");
      await attention.getByRole("link", { name }).click();
      await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
      await expect(failingAlert(page)).toContainText("Activate resumes delivery once fixed");
    });

    await test.step("the bell counts the alert; Notifications shows it and marks all as read", async () => {
      const bell = page.getByRole("link", { name: /^Notifications, [1-9]\d* unread$/ });
      await expect(bell).toBeVisible();
      await bell.click();
      await expect(page.getByRole("article", { name: `Destination "${name}" is failing` })).toBeVisible();
      await page.getByRole("button", { name: "Mark all as read" }).click();
      await expect(page.getByRole("link", { name: "Notifications, 0 unread" })).toBeVisible();
    });
  });
});

test("a 429 episode: the destination and its credential say every request is held, until when, and the hold ends by itself", async ({
  page,
  request,
  fakes,
}) => {
  let refused = false;
  const api = await fakes.api("signups", () => {
    if (refused) return json(200, { ok: true });
    refused = true;
    return json(429, { error: "slow down" }, { "retry-after": "8" });
  });
  const name = unique("Signups to the API");
  const datasetName = unique("Signups stream");
  const credentialName = unique("Signups API");
  const target = await createEmptyDataset(page, datasetName);
  await ingest(request, target, [{ uid: "s_1" }, { uid: "s_2" }]);
  await startWizard(page, datasetName, "HTTP API");
  await page.getByRole("button", { name: "Create Credential" }).click();
  await page.getByLabel("Name", { exact: true }).fill(credentialName);
  await page.getByLabel("Authentication").selectOption({ label: "Bearer token" });
  await page.getByLabel("Token", { exact: true }).fill("signups-token-0123456789");
  await page.getByLabel("API base URL").fill(api.url);
  await page.getByRole("button", { name: "Create Credential" }).click();
  await expect(page.getByRole("radio", { name: credentialName })).toBeChecked();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("URL", { exact: true }).fill(`${api.url}/signups`);
  await finishWizard(page, name);
  // Retries wait a random delay up to the first retry delay, or the Retry-After when that is later:
  // a short delay leaves the Retry-After to decide.
  await openTab(page, "Settings");
  const settings = page.getByRole("region", { name: "Delivery settings" });
  await settings.getByLabel("First retry delay (seconds)").fill("1");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByRole("status")).toHaveText("Saved.");
  await openTab(page, "Overview");
  await page.getByRole("button", { name: "Activate" }).click();

  const held = /holding every request after a 429 at \d\d:\d\d:\d\d UTC until \d\d:\d\d:\d\d UTC/;
  await test.step("the destination's Delivery panel says the credential is held, and until when", async () => {
    await expect(page.getByRole("region", { name: "Delivery", exact: true })).toContainText(held);
  });

  await test.step("its credential's page says so too, and updates by itself when the hold ends", async () => {
    await page
      .getByRole("region", { name: "Delivery", exact: true })
      .getByRole("link", { name: "credential" })
      .click();
    await expect(page.getByRole("heading", { name: credentialName, level: 1 })).toBeVisible();
    await expect(page.getByText(held)).toBeVisible();
    await expect(page.getByText(held)).toHaveCount(0, { timeout: 30_000 });
    // The held records went out once the Retry-After was over.
    const delivered = () =>
      api.requests
        .filter((sent) => sent.status === 200)
        .map((sent) => sent.body)
        .join("\n");
    await expect.poll(delivered).toContain("s_1");
    await expect.poll(delivered).toContain("s_2");
  });
});
