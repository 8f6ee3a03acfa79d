import { expect, test } from "@playwright/test";
import { signInAsOwner } from "./support";

test.describe.configure({ mode: "serial" });

const CSV = [
  "\uFEFFuid;email;plan;seats;active",
  "u_1;ada@example.com;pro;12;true",
  'u_2;grace@example.com;"free; trial";1;false',
  'u_3;"alan@example.com";enterprise;250;true',
].join("\r\n");

test("uploading a CSV shows its schema and sample records", async ({ page }) => {
  await signInAsOwner(page, "/datasets");
  await page.getByRole("link", { name: "New dataset" }).first().click();
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await expect(page.getByLabel("Dataset name")).toHaveValue("customers");
  await page.getByRole("button", { name: "Upload" }).click();

  await expect(page.getByRole("heading", { name: "customers", level: 1 })).toBeVisible();
  await expect(page.getByTestId("record-count")).toHaveText("3");
  const schema = page.getByRole("table", { name: "Schema" });
  await expect(schema.getByRole("row", { name: /^seats integer 100%/ })).toBeVisible();
  await expect(schema.getByRole("row", { name: /^active boolean 100%/ })).toBeVisible();
  await expect(schema.getByRole("row", { name: /^plan string 100%/ })).toBeVisible();
  const samples = page.getByRole("table", { name: "Sample records" });
  await expect(samples.getByRole("cell", { name: "free; trial" })).toBeVisible();

  await page.getByRole("link", { name: "JSON" }).click();
  await expect(page.getByText('"email": "alan@example.com"')).toBeVisible();
});

test("a malformed file is refused with the line at fault and creates nothing", async ({ page }) => {
  await signInAsOwner(page, "/datasets/new");
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "events.ndjson",
    mimeType: "application/x-ndjson",
    buffer: Buffer.from('{"a":1}\n{"a":2}\n{"a":\n'),
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.locator("[data-form-error]")).toContainText("Line 3");
  await page.goto("/datasets");
  await expect(page.getByRole("link", { name: "events" })).toHaveCount(0);
});

test("an empty dataset receives records through the ingest endpoint", async ({ page, request }) => {
  await signInAsOwner(page, "/datasets/new");
  await page.getByLabel("Name", { exact: true }).fill("Signups stream");
  await page.getByRole("button", { name: "Create empty dataset" }).click();
  const key = await page.getByRole("textbox", { name: "Ingest key" }).inputValue();
  expect(key).toMatch(/^ofk_/);
  const command = await page.getByLabel("Ingest command with key").textContent();
  const url = command?.match(/curl -X POST '([^']+)'/)?.[1];
  expect(url).toMatch(/\/api\/v1\/datasets\/[0-9a-f-]{36}\/records$/);

  // Empty, the dataset's page says what comes.
  await page.getByRole("link", { name: "Open the dataset" }).click();
  await expect(page.getByTestId("record-count")).toHaveText("0");
  await expect(page.getByText("The schema appears once records arrive.")).toBeVisible();

  const refused = await request.post(url as string, {
    headers: { authorization: "Bearer ofk_wrong" },
    data: { uid: "x" },
  });
  expect(refused.status()).toBe(401);
  const accepted = await request.post(url as string, {
    headers: { authorization: `Bearer ${key}`, "content-type": "application/x-ndjson" },
    data: '{"uid":"u_9","email":"kat@example.com","user":{"plan":"pro"}}\n{"uid":"u_10","email":"dennis@example.com"}\n',
  });
  expect(accepted.status()).toBe(202);
  expect(await accepted.json()).toEqual({ accepted: 2 });

  await page.reload();
  await expect(page.getByTestId("record-count")).toHaveText("2");
  await expect(
    page.getByRole("table", { name: "Schema" }).getByRole("row", { name: /^user\.plan string 50%/ }),
  ).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Sample records" }).getByRole("cell", { name: "dennis@example.com" }),
  ).toBeVisible();
});

test("the sample dataset is one click away", async ({ page }) => {
  await signInAsOwner(page, "/datasets/new");
  await page.getByRole("button", { name: "Create sample dataset" }).click();
  await expect(page.getByRole("heading", { name: "Sample users and events", level: 1 })).toBeVisible();
  await expect(page.getByTestId("record-count")).toHaveText("200");
  await expect(
    page.getByRole("table", { name: "Schema" }).getByRole("row", { name: /^properties\.page string 100%/ }),
  ).toBeVisible();
});
