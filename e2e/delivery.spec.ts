import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { type FakeServer, json, startFakeServer } from "../lib/testing/fake-apis/fake-server";
import { signInAsOwner } from "./support";

test.describe.configure({ mode: "serial" });

type Ingest = { url: string; key: string };

/** An empty dataset with its ingest endpoint; the key is shown once, on creation. */
async function createStreamDataset(page: Page, name: string): Promise<Ingest> {
  await signInAsOwner(page, "/datasets/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create empty dataset" }).click();
  const key = await page.getByRole("textbox", { name: "Ingest key" }).inputValue();
  const command = await page.getByLabel("Ingest command with key").textContent();
  const url = command?.match(/curl -X POST '([^']+)'/)?.[1];
  expect(url).toMatch(/\/api\/v1\/datasets\/[0-9a-f-]{36}\/records$/);
  return { url: url as string, key };
}

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

test("Activate delivers the dataset to a Request Inspector, then new records as they arrive; Pause stops", async ({
  page,
  request,
}) => {
  const inspectorPath = await test.step("create an inspector", async () => {
    await signInAsOwner(page, "/inspector");
    await page.getByLabel("Name").fill("Delivery receiver");
    await page.getByRole("button", { name: "Create inspector" }).click();
    await expect(page.getByRole("heading", { name: "Delivery receiver", level: 1 })).toBeVisible();
    return new URL(page.url()).pathname;
  });

  const stream = await test.step("a dataset with three records, posted to its ingest endpoint", async () => {
    const target = await createStreamDataset(page, "Delivery signups");
    await ingest(request, target, [
      { uid: "u_1", email: "ada@example.com" },
      { uid: "u_2", email: "grace@example.com" },
      { uid: "u_3", email: "alan@example.com" },
    ]);
    return target;
  });

  await test.step("a destination to the inspector, saved with Done", async () => {
    await startWizard(page, "Delivery signups", "Request Inspector");
    await page.getByRole("radio", { name: /Delivery receiver/ }).check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/setup\?step=endpoint$/);
    await finishWizard(page, "Signups to the inspector");
    await expect(page.getByTestId("destination-status")).toHaveText("Draft");
    await expect(page.getByText("No runs yet.")).toBeVisible();
  });

  const destinationPath = new URL(page.url()).pathname;

  await test.step("Activate: the run appears and succeeds without a reload", async () => {
    await page.getByRole("button", { name: "Activate" }).click();
    await expect(page.getByTestId("destination-status")).toHaveText("Active");
    await expect(page.getByRole("button", { name: "Run Now" })).toBeVisible();
    const run = page.getByRole("table", { name: "Runs" }).getByRole("row", { name: /^Activate 1 / });
    await expect(run).toContainText("Succeeded");
    await expect(run).toContainText("3 of 3 delivered");
    await expect(run).toContainText("0 failed");
    await expect(page.getByTestId("records-waiting")).toHaveText("0");
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
    await page.goto(destinationPath);
    const run = page.getByRole("table", { name: "Runs" }).getByRole("row", { name: /^New records / });
    await expect(run).toContainText("Succeeded");
    await expect(run).toContainText("2 of 2 delivered");
  });

  await test.step("Pause", async () => {
    await page.getByRole("button", { name: "Pause" }).click();
    await expect(page.getByTestId("destination-status")).toHaveText("Paused");
    await expect(page.getByRole("button", { name: "Activate" })).toBeEnabled();
    await expect(page.getByRole("button", { name: "Run Now" })).toHaveCount(0);
  });
});

test.describe("an API that refuses a record", () => {
  let api: FakeServer;

  test.beforeAll(async () => {
    // Stands in for a contacts API that validates e-mail addresses, as real APIs answer 422.
    api = await startFakeServer("contacts", (received) => {
      const contact = JSON.parse(received.body || "{}") as { email?: string };
      return contact.email?.includes("@")
        ? json(200, { ok: true })
        : json(422, { error: `invalid email: ${contact.email}` });
    });
  });
  test.afterAll(async () => {
    await api.close();
  });

  test("the record goes to Failed Records; fixed there, Retry Failed Records delivers it; Discard drops one", async ({
    page,
    request,
  }) => {
    const stream = await test.step("a dataset with one bad address among three", async () => {
      const target = await createStreamDataset(page, "Contacts stream");
      await ingest(request, target, [
        { uid: "c_1", email: "edsger@example.com" },
        { uid: "c_2", email: "not-an-email" },
        { uid: "c_3", email: "barbara@example.com" },
      ]);
      return target;
    });

    await test.step("a destination to the contacts API, saved with Done", async () => {
      await startWizard(page, "Contacts stream", "HTTP API");
      await page.getByRole("button", { name: "Create Credential" }).click();
      await page.getByLabel("Name", { exact: true }).fill("Contacts API");
      await page.getByLabel("API base URL").fill(api.url);
      await page.getByRole("button", { name: "Create Credential" }).click();
      await expect(page.getByRole("radio", { name: /Contacts API/ })).toBeChecked();
      await page.getByRole("button", { name: "Next" }).click();
      await expect(page).toHaveURL(/\/setup\?step=endpoint$/);
      await page.getByLabel("URL", { exact: true }).fill(`${api.url}/contacts`);
      await finishWizard(page, "Contacts to the API");
    });

    const settings = page.getByRole("region", { name: "Delivery settings" });

    await test.step("Delivery settings show zod's errors on their fields, then save", async () => {
      await settings.getByLabel("Schedule").selectOption({ label: "Every N minutes" });
      await settings.getByLabel("Concurrency").fill("0");
      await settings.getByRole("button", { name: "Save" }).click();
      await expect(settings.getByLabel("Concurrency")).toHaveAttribute("aria-invalid", "true");
      await expect(settings.getByText("At least 1.", { exact: true })).toBeVisible();
      await expect(settings.getByText("Enter a number of minutes.")).toBeVisible();

      await settings.getByLabel("Schedule").selectOption({ label: "As records arrive" });
      await settings.getByLabel("Concurrency").fill("2");
      await settings.getByLabel("Max attempts").fill("3");
      await settings.getByRole("button", { name: "Save" }).click();
      await expect(settings.getByRole("status")).toHaveText("Saved.");
      await page.reload();
      await expect(settings.getByLabel("Concurrency")).toHaveValue("2");
      await expect(settings.getByLabel("Max attempts")).toHaveValue("3");
    });

    const runs = page.getByRole("table", { name: "Runs" });
    const failed = page.getByRole("region", { name: "Failed Records" });

    await test.step("Activate: two delivered, the refused one lands in Failed Records", async () => {
      await page.getByRole("button", { name: "Activate" }).click();
      const run = runs.getByRole("row", { name: /^Activate 1 / });
      await expect(run).toContainText("Partially failed");
      await expect(run).toContainText("2 of 3 delivered");
      await expect(run).toContainText("1 failed");
      const letter = failed.getByRole("row", { name: /not-an-email/ });
      await expect(letter).toContainText("422");
      await expect(letter).toContainText("invalid email: not-an-email");
    });

    await test.step("Edit: invalid JSON is refused on the field, a fixed record is saved", async () => {
      const letter = failed.getByRole("row", { name: /not-an-email/ });
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

    await test.step("Retry Failed Records sends the fixed record in a new run", async () => {
      await expect(
        failed.getByText("None selected: Retry Failed Records and Discard apply to the failed record."),
      ).toBeVisible();
      await failed.getByRole("button", { name: "Retry Failed Records" }).click();
      await expect(runs.getByRole("row", { name: /^Retry Failed Records / })).toContainText("Succeeded");
      await expect(failed.getByText("No failed records.")).toBeVisible();
      const retried = api.requests.filter((sent) => sent.body.includes("tony@example.com"));
      expect(retried).toHaveLength(1);
      expect(retried[0]?.status).toBe(200);
    });

    await test.step("a selected failed record is discarded after confirmation", async () => {
      await ingest(request, stream, [
        { uid: "c_4", email: "still-not-an-email" },
        { uid: "c_5", email: "nope" },
      ]);
      // An idle active destination's page looks for new runs every few seconds.
      await expect(failed.getByRole("row", { name: /still-not-an-email/ })).toBeVisible({ timeout: 20_000 });
      await expect(failed.getByRole("row", { name: /"nope"/ })).toBeVisible();
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
  });
});
