import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createEmptyDataset, createInspector, expect, test, unique } from "./fixtures";

const run = promisify(execFile);

// Keys in neither alphabetical nor length order, numbers JSON.parse would change.
const RECORD = '{"zeta":"z1","big":12345678901234567890123,"price":1.50,"huge":1e400,"a":true}';

test("the preview shows a record's exact bytes, Formatted or Exact, and Copy as curl sends the same request", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const inspectorName = unique("Fidelity receiver");
  const datasetName = unique("Fidelity events");
  await createInspector(page, inspectorName);
  const binId = new URL(page.url()).pathname.split("/").at(-1);

  await test.step("a record ingested as written", async () => {
    const target = await createEmptyDataset(page, datasetName);
    const response = await request.post(target.url, {
      headers: { authorization: `Bearer ${target.key}`, "content-type": "application/json" },
      data: RECORD,
    });
    expect(response.status()).toBe(202);
  });

  const first = page.getByRole("listitem", { name: "Request 1" });
  const body = first.getByRole("region", { name: "Request body" });
  await test.step("the wizard's preview to the inspector, Formatted", async () => {
    await page.getByRole("link", { name: "Open the dataset" }).click();
    await page.getByRole("link", { name: "Send to Destination" }).click();
    await page
      .getByRole("group", { name: "Connector" })
      .getByText("Request Inspector", { exact: true })
      .click();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("radio", { name: new RegExp(inspectorName) }).check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(body.getByRole("button", { name: "Formatted" })).toHaveAttribute("aria-pressed", "true");
    await expect(body).toContainText('"big": 12345678901234567890123');
    await expect(body).toContainText('"price": 1.50');
    await expect(body).toContainText('"huge": 1e400');
  });

  await test.step("Exact shows the bytes and their count, and is remembered", async () => {
    await body.getByRole("button", { name: "Exact" }).click();
    await expect(body.getByRole("button", { name: "Exact" })).toHaveAttribute("aria-pressed", "true");
    await expect(body.getByRole("figure", { name: "Body text" })).toHaveText(RECORD);
    await expect(body).toContainText(`${RECORD.length} bytes`);
    await page.reload();
    await expect(body.getByRole("button", { name: "Exact" })).toHaveAttribute("aria-pressed", "true");
    await expect(body).toContainText(RECORD);
  });

  await test.step("Copy as curl, run in a shell, sends the previewed request", async () => {
    await first.getByRole("button", { name: "Copy as curl" }).click();
    await expect(first.getByRole("button", { name: "Copy as curl" })).toHaveText("Copied");
    const command = await page.evaluate(() => navigator.clipboard.readText());
    expect(command).toContain(`/api/inspect/${binId}`);
    await run("bash", ["-c", command]);
    const received = await request.get(`/api/inspector/${binId}/requests`);
    const [sent] = (await received.json()).requests as { body: string; headers: [string, string][] }[];
    expect(sent?.body).toBe(RECORD);
    const headers = new Map(sent?.headers.map(([name, value]) => [name.toLowerCase(), value]));
    expect(headers.get("content-type")).toBe("application/json");
    expect(headers.get("idempotency-key")).toMatch(/^[0-9a-f]{32,}$/);
  });
});
