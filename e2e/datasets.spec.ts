import { expect, test, unique } from "./fixtures";

const CSV = [
  "\uFEFFuid;email;plan;seats;active",
  "u_1;ada@example.com;pro;12;true",
  'u_2;grace@example.com;"free; trial";1;false',
  'u_3;"alan@example.com";enterprise;250;true',
].join("\r\n");

test("uploading a CSV shows its schema and sample records", async ({ page }) => {
  const name = unique("customers").replace(" ", "-");
  await page.goto("/datasets");
  await page.getByRole("link", { name: "New dataset" }).first().click();
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: `${name}.csv`, mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await expect(page.getByLabel("Dataset name")).toHaveValue(name);
  await page.getByRole("button", { name: "Upload" }).click();

  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByText(/^3 records ·/)).toBeVisible();
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
  const name = unique("events").replace(" ", "-");
  await page.goto("/datasets/new");
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: `${name}.ndjson`,
    mimeType: "application/x-ndjson",
    buffer: Buffer.from('{"a":1}\n{"a":2}\n{"a":\n'),
  });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Line 3" })).toBeVisible();
  // The positive control: the list shows datasets, and not this one.
  await page.goto("/datasets");
  await expect(page.getByRole("heading", { name: "Datasets", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test("an empty dataset receives records through the ingest endpoint", async ({ page, request }) => {
  await page.goto("/datasets/new");
  await page.getByLabel("Name", { exact: true }).fill(unique("Signups stream"));
  await page.getByRole("button", { name: "Create empty dataset" }).click();
  const key = await page.getByRole("textbox", { name: "Ingest key" }).inputValue();
  expect(key).toMatch(/^ofk_/);
  const command = await page.getByLabel("Ingest command with key").textContent();
  const url = command?.match(/curl -X POST '([^']+)'/)?.[1];
  expect(url).toMatch(/\/api\/v1\/datasets\/[0-9a-f-]{36}\/records$/);

  // Empty, the dataset's page says what comes.
  await page.getByRole("link", { name: "Open the dataset" }).click();
  await expect(page.getByText(/^0 records ·/)).toBeVisible();
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
  await expect(page.getByText(/^2 records ·/)).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Schema" }).getByRole("row", { name: /^user\.plan string 50%/ }),
  ).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Sample records" }).getByRole("cell", { name: "dennis@example.com" }),
  ).toBeVisible();
});

test("the sample dataset is one click away", async ({ page }) => {
  await page.goto("/datasets/new");
  await page.getByRole("button", { name: "Create sample dataset" }).click();
  await expect(page.getByRole("heading", { name: "Sample users and events", level: 1 })).toBeVisible();
  await expect(page.getByText(/^200 records ·/)).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Schema" }).getByRole("row", { name: /^properties\.page string 100%/ }),
  ).toBeVisible();
});
