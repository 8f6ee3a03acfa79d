import { expect, test, unique } from "./fixtures";

const API_KEY = "na1.fullstory-jobs-e2e-key-0001";

test("a FullStory batch import run shows the job it waits for, as last checked, and ends when the job does", async ({
  page,
  fakes,
}) => {
  // The import job answers PROCESSING to its first two status calls, as a real import takes a while.
  const fullstory = await fakes.fullstory({ apiKey: API_KEY, batchJobs: { polls: 2 } });
  const name = unique("FullStory batch users");

  await test.step("a Batch Create Users destination for the sample dataset, activated", async () => {
    await page.goto("/datasets/new");
    await page.getByRole("button", { name: "Create sample dataset" }).click();
    await expect(page.getByText(/^200 records ·/)).toBeVisible();
    await page.getByRole("link", { name: "Send to Destination" }).click();
    await page
      .getByText(/^FullStory$/)
      .first()
      .click();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Create Credential" }).click();
    const credentialName = unique("FullStory imports");
    await page.getByLabel("Name", { exact: true }).fill(credentialName);
    await page.getByLabel("API key").fill(API_KEY);
    await page.getByText("Advanced").click();
    await page.getByLabel("API base URL").fill(fullstory.url);
    await page.getByRole("button", { name: "Create Credential" }).click();
    await expect(page.getByRole("radio", { name: new RegExp(credentialName) })).toBeChecked();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("Endpoint", { exact: true }).selectOption({ label: "Batch Create Users" });
    await expect(page.getByRole("listitem", { name: "Request 1" })).toContainText(
      `POST ${fullstory.url}/v2/users/batch`,
    );
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("Destination name").fill(name);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Activate" }).click();
  });

  await test.step("the run says it waits for the import job, as last checked", async () => {
    await page
      .getByRole("navigation", { name: "Destination sections" })
      .getByRole("link", { name: "Runs" })
      .click();
    await page
      .getByRole("table", { name: "Runs" })
      .getByRole("row", { name: /^Activate / })
      .getByRole("link", { name: "Activate" })
      .click();
    // The 200 sample records go out in as many imports as the batch size makes: one job each.
    const waiting = page.getByRole("region", { name: /^Waiting for \d+ import jobs? at FullStory$/ });
    await expect(waiting.getByRole("list", { name: "Import jobs" })).toContainText(
      /last checked .* → PROCESSING/,
    );
    await expect(page.getByRole("status", { name: "Run outcome" })).toHaveText("Running");
  });

  await test.step("the job finishes: the run ends, and its status calls are in the run's requests", async () => {
    await expect(page.getByRole("status", { name: "Run outcome" })).toHaveText("Succeeded", {
      timeout: 60_000,
    });
    await expect(page.getByRole("region", { name: /^Waiting for/ })).toHaveCount(0);
    const requests = page.getByRole("table", { name: "Requests of this run" });
    // Each job: two PROCESSING answers, then COMPLETED.
    const imports = fullstory.requests.filter((received) => received.method === "POST").length;
    expect(imports).toBeGreaterThan(0);
    await expect(requests.getByRole("row").filter({ hasText: "job status" })).toHaveCount(3 * imports);
    expect([...fullstory.users.values()]).not.toHaveLength(0);
  });
});
