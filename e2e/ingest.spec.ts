import { createEmptyDataset, expect, type Ingest, test, unique } from "./fixtures";

// The ingest endpoint's refusals, over HTTP against the built app. Each refusal is followed by
// what the dataset holds, so "nothing was stored" is seen next to what was.

const TEN_MIB = 10 * 1024 * 1024; // OUTFLOW_INGEST_MAX_BYTES's default

function authorized(target: Ingest, contentType = "application/x-ndjson") {
  return { authorization: `Bearer ${target.key}`, "content-type": contentType };
}

test("a malformed body is refused with 400 and the line at fault; a good one is then stored", async ({
  page,
  request,
}) => {
  const name = unique("Ingest 400");
  const target = await createEmptyDataset(page, name);
  const refused = await request.post(target.url, {
    headers: authorized(target),
    data: '{"uid":"u_1"}\n{"uid":\n',
  });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error).toMatch(/line 2/i);

  const accepted = await request.post(target.url, { headers: authorized(target), data: '{"uid":"u_2"}\n' });
  expect(accepted.status()).toBe(202);
  expect(await accepted.json()).toEqual({ accepted: 1 });
  await page.getByRole("link", { name: "Open the dataset" }).click();
  await expect(page.getByText(/^1 records? ·/)).toBeVisible();
});

test("a body over the limit is refused with 413, whether declared or streamed", async ({ page, request }) => {
  const target = await createEmptyDataset(page, unique("Ingest 413"));
  const line = `${JSON.stringify({ uid: "u", note: "x".repeat(1000) })}\n`;
  const oversized = line.repeat(Math.ceil(TEN_MIB / line.length) + 1);

  await test.step("with a Content-Length over the limit", async () => {
    const response = await request.post(target.url, { headers: authorized(target), data: oversized });
    expect(response.status()).toBe(413);
    expect((await response.json()).error).toMatch(/the limit is 10 MB\. Split it into smaller requests\./);
  });

  await test.step("chunked, with no Content-Length: refused once the limit is read", async () => {
    const chunk = new TextEncoder().encode(line.repeat(1000));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > TEN_MIB * 2) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(target.url, {
      method: "POST",
      headers: authorized(target),
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/larger than 10 MB, the limit/);
  });

  await page.getByRole("link", { name: "Open the dataset" }).click();
  await expect(page.getByText(/^0 records ·/)).toBeVisible();
});

test("a body of another type or encoding is refused with 415 naming what to send", async ({
  page,
  request,
}) => {
  const target = await createEmptyDataset(page, unique("Ingest 415"));
  const text = await request.post(target.url, {
    headers: authorized(target, "text/plain"),
    data: '{"uid":"u_1"}',
  });
  expect(text.status()).toBe(415);
  expect((await text.json()).error).toMatch(/^Content-Type text\/plain is not accepted\. Use one of /);

  const brotli = await request.post(target.url, {
    headers: { ...authorized(target, "application/json"), "content-encoding": "br" },
    data: '{"uid":"u_1"}',
  });
  expect(brotli.status()).toBe(415);
  expect((await brotli.json()).error).toContain("Content-Encoding br is not accepted");

  const json = await request.post(target.url, {
    headers: authorized(target, "application/json"),
    data: '{"uid":"u_1"}',
  });
  expect(json.status()).toBe(202);
});

test("any method but POST is answered 405 with Allow: POST", async ({ page, request }) => {
  const target = await createEmptyDataset(page, unique("Ingest 405"));
  for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
    const response = await request.fetch(target.url, { method, headers: authorized(target) });
    expect(response.status(), method).toBe(405);
    expect(response.headers().allow, method).toBe("POST");
    expect(await response.json(), method).toEqual({ error: "Send records with POST." });
  }
});
