import type { RecordedRequest } from "../lib/testing/fake-apis/fake-server";
import { expect, test, unique, waitForRequestCount } from "./fixtures";

const API_KEY = "na1.fullstory-mapping-e2e-key";

const isEvent = (request: RecordedRequest) => request.method === "POST" && request.path === "/v2/events";

test("the sample dataset mapped to FullStory Create Event through suggestions: previewed, tested, activated", async ({
  page,
  fakes,
}) => {
  const fullstory = await fakes.fullstory({ apiKey: API_KEY });
  const credentialName = unique("FullStory for events");
  const destinationName = unique("Sample events to FullStory");
  await test.step("a sample dataset sent to FullStory with a new credential", async () => {
    await page.goto("/datasets/new");
    await page.getByRole("button", { name: "Create sample dataset" }).click();
    await expect(page.getByRole("link", { name: "Send to Destination" })).toBeVisible();
    await page.getByRole("link", { name: "Send to Destination" }).click();
    await page
      .getByText(/^FullStory$/)
      .first()
      .click();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Create Credential" }).click();
    await page.getByLabel("Name", { exact: true }).fill(credentialName);
    await page.getByLabel("API key").fill(API_KEY);
    await page.getByText("Advanced").click();
    await page.getByLabel("API base URL").fill(fullstory.url);
    await page.getByRole("button", { name: "Create Credential" }).click();
    await expect(page.getByRole("radio", { name: new RegExp(credentialName) })).toBeChecked();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/setup\?step=endpoint$/);
  });

  await test.step("choosing Create Event suggests event_type → name and occurred_at → timestamp", async () => {
    await page.getByLabel("Endpoint", { exact: true }).selectOption({ label: "Create Event" });
    await expect(page.getByLabel("Source for name")).toHaveValue("event_type");
    await expect(page.getByLabel("Source for timestamp")).toHaveValue("occurred_at");
    await expect(page.getByRole("listitem", { name: "Target name" })).toContainText("suggested");
  });

  await test.step("a required field left unmapped shows its error and blocks Next", async () => {
    await page.getByLabel("Source for name").selectOption({ label: "Not mapped" });
    const name = page.getByRole("listitem", { name: "Target name" });
    await expect(name).toContainText("Map a field to name: the event's name, e.g. Order Completed.");
    await expect(page.getByLabel("Source for name")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
    await page.getByLabel("Source for name").selectOption("event_type");
    await expect(page.getByLabel("Source for name")).not.toHaveAttribute("aria-invalid", "true");
  });

  await test.step("accepted, the preview shows the mapped body and where each field came from", async () => {
    await page.getByRole("button", { name: "Accept suggestions" }).click();
    await expect(page.getByRole("listitem", { name: "Target name" })).not.toContainText("suggested");
    const first = page.getByRole("listitem", { name: "Request 1" });
    await expect(first.getByText(`${fullstory.url}/v2/events`, { exact: true })).toBeVisible();
    await expect(first.getByLabel("Request body")).toContainText('"name": "');
    await expect(first.getByLabel("Request body")).toContainText('"timestamp": "2026-');
    await first.getByRole("button", { name: "Show field sources" }).click();
    const sources = first.getByRole("table", { name: "Field sources of request 1" });
    await expect(sources.getByRole("row", { name: /name event_type$/ })).toBeVisible();
    await expect(sources.getByRole("row", { name: /timestamp occurred_at$/ })).toBeVisible();
    await expect(page.getByText("Pre-flight: every record can be sent.")).toBeVisible();
    await expect(
      page.getByText(/^Whole dataset: 200 of 200 records would be sent in 200 requests/),
    ).toBeVisible();
  });

  await test.step("Send Test Data, once confirmed, reaches FullStory with the previewed body", async () => {
    const previewed = await page.getByLabel("Body to send").innerText();
    const send = page.getByRole("button", { name: "Send Test Data" });
    await expect(send).toBeDisabled();
    await page.getByRole("checkbox", { name: "Yes, change this data for real" }).check();
    await send.click();
    await expect(
      page.getByRole("region", { name: "Endpoint Test Result" }).getByText(/^200 · /),
    ).toBeVisible();
    const [event] = await waitForRequestCount(fullstory, 1, isEvent);
    expect(JSON.parse(event?.body ?? "{}")).toEqual(JSON.parse(previewed));
  });

  await test.step("saved and activated, every record arrives as an event with its name", async () => {
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/setup\?step=review$/);
    await page.getByLabel("Destination name").fill(destinationName);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("heading", { name: destinationName, level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Activate" }).click();
    await expect(page.getByRole("status", { name: "Destination status" })).toHaveText("Active");
    const totals = page.getByRole("table", { name: "Delivery totals" });
    await expect(totals.getByRole("row", { name: /^Records delivered 200 200 200$/ })).toBeVisible({
      timeout: 30_000,
    });
    await expect(totals.getByRole("row", { name: /^Records failed 0 0 0$/ })).toBeVisible();
    // The test event, then the 200 the run delivered.
    const sent = (await waitForRequestCount(fullstory, 201, isEvent))
      .slice(1)
      .map((request) => JSON.parse(request.body));
    expect(sent.every((event) => typeof event.name === "string" && event.user?.uid)).toBe(true);
  });
});
