import { createInspector, expect, test, unique } from "./fixtures";

test("a token created in Settings creates a dataset and a destination from a script, which the UI then shows; revoked, it gets 401", async ({
  page,
  request,
}) => {
  const tokenName = unique("CI deploy");
  const datasetName = unique("Made by a script");

  const token = await test.step("create an editor token; it is shown once", async () => {
    await page.goto("/");
    await page.getByRole("button", { name: /^Account:/ }).click();
    await page.getByRole("menuitem", { name: "API tokens" }).click();
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
    await page.getByLabel("Token name").fill(tokenName);
    await page.getByLabel("Role").selectOption("editor");
    await page.getByRole("button", { name: "Create token" }).click();
    const value = await page.getByRole("textbox", { name: "New API token" }).inputValue();
    expect(value).toMatch(/^oft_/);
    await expect(
      page.getByRole("table", { name: "Your API tokens" }).getByRole("row", { name: new RegExp(tokenName) }),
    ).toContainText("Never");
    return value;
  });

  await test.step("the script creates a dataset and a destination with it; the UI shows both", async () => {
    const headers = { authorization: `Bearer ${token}` };
    const created = await request.post("/api/v1/datasets", { headers, data: { name: datasetName } });
    expect(created.status()).toBe(201);
    await page.goto("/datasets");
    await expect(page.getByRole("link", { name: datasetName })).toBeVisible();

    const inspectorUrl = await createInspector(page, unique("Script checks"));
    const destinationName = unique("Made by a script");
    const destination = await request.post("/api/v1/destinations", {
      headers,
      data: {
        datasetId: (await created.json()).id,
        connectorId: "inspector",
        name: destinationName,
        inspectorBinId: inspectorUrl.split("/").at(-1),
        endpoint: {
          mode: "manual",
          connectorId: "inspector",
          method: "POST",
          url: inspectorUrl,
          headers: [],
          contentFormat: "json",
          excludeAttributes: [],
          bodyTemplate: null,
          batching: { enabled: false, size: 1, grouping: "fixed", envelopeKey: null },
        },
      },
    });
    expect(destination.status()).toBe(201);
    await page.goto("/destinations");
    await page.getByRole("link", { name: destinationName }).click();
    await expect(page.getByRole("heading", { name: destinationName, level: 1 })).toBeVisible();
    await expect(page.getByText("Version 1 · saved")).toBeVisible();
  });

  await test.step("revoked, the token is refused at once", async () => {
    await page.goto("/settings/api-tokens");
    const row = page
      .getByRole("table", { name: "Your API tokens" })
      .getByRole("row", { name: new RegExp(tokenName) });
    await expect(row).not.toContainText("Never");
    page.once("dialog", (dialog) => dialog.accept());
    await row.getByRole("button", { name: `Revoke ${tokenName}` }).click();
    await expect(row).toContainText("Revoked");
    const refused = await request.get("/api/v1/datasets", { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ detail: expect.stringMatching(/revoked/) });
  });

  await test.step("the API reference lists the routes with a curl to copy", async () => {
    await page.goto("/settings/api");
    const create = page.getByRole("article", { name: "POST /api/v1/datasets", exact: true });
    await expect(create).toContainText("Create a dataset");
    await expect(create.getByRole("button", { name: "Copy curl for POST /api/v1/datasets" })).toBeVisible();
  });
});
