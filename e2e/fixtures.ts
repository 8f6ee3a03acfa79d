/**
 * What every end-to-end spec builds on, so that each runs alone, in any order, or twice:
 * - the browser (and `request`) start signed in as the workspace owner, whom e2e/owner.setup.ts
 *   signs up once per install; `signedOut` is the storage state of a visitor;
 * - `fakes` starts fake vendor APIs and receivers for one test and closes them after it;
 * - `unique(name)` gives what a test creates a name no other test uses.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import {
  type FakeServer,
  type Handler,
  type RecordedRequest,
  startFakeServer,
} from "../lib/testing/fake-apis/fake-server";
import {
  type FakeFullStory,
  type FakeFullStoryOptions,
  startFakeFullStory,
} from "../lib/testing/fake-apis/fullstory";
import { type FakeHotjar, type FakeHotjarOptions, startFakeHotjar } from "../lib/testing/fake-apis/hotjar";

export { expect };

export const workspaceName = "Acme Growth";
export const owner = { name: "Ada Lovelace", email: "ada@example.com", password: "analytical-engine-1843" };

/** Where the setup project leaves the owner's session; the data folder is new for every run. */
export const ownerStorageState = path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e", "owner-session.json");
export const signedOut = { cookies: [], origins: [] };

/** Six random hex digits, e.g. "3f9a1c". */
export function uniqueSuffix(): string {
  return randomBytes(3).toString("hex");
}

/** `name` with a random suffix, e.g. "Contacts stream 3f9a1c". */
export function unique(name: string): string {
  return `${name} ${uniqueSuffix()}`;
}

export interface Fakes {
  hotjar(options: FakeHotjarOptions): Promise<FakeHotjar>;
  fullstory(options: FakeFullStoryOptions): Promise<FakeFullStory>;
  /** An HTTP API (or any receiver) that records every request and answers with `handle`. */
  api(name: string, handle: Handler): Promise<FakeServer>;
}

export const test = base.extend<{ fakes: Fakes }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  fakes: async ({}, use) => {
    const started: FakeServer[] = [];
    const track = <T extends FakeServer>(server: T): T => {
      started.push(server);
      return server;
    };
    await use({
      hotjar: async (options) => track(await startFakeHotjar(options)),
      fullstory: async (options) => track(await startFakeFullStory(options)),
      api: async (name, handle) => track(await startFakeServer(name, handle)),
    });
    await Promise.all(started.map((server) => server.close()));
  },
});

/**
 * Waits until `server` has received exactly `count` requests that pass `filter`, and returns them.
 * Exactly: a request too many fails the wait, as a missing one does.
 */
export async function waitForRequestCount(
  server: FakeServer,
  count: number,
  filter: (request: RecordedRequest) => boolean = () => true,
): Promise<RecordedRequest[]> {
  await expect
    .poll(() => server.requests.filter(filter).length, { message: `requests received by ${server.url}` })
    .toBe(count);
  return server.requests.filter(filter);
}

/** A dataset's ingest endpoint and its key. */
export type Ingest = { url: string; key: string };

/** Creates an empty dataset from the UI and returns its ingest endpoint; the key is shown once. */
export async function createEmptyDataset(page: Page, name: string): Promise<Ingest> {
  await page.goto("/datasets/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create empty dataset" }).click();
  const key = await page.getByRole("textbox", { name: "Ingest key" }).inputValue();
  const command = await page.getByLabel("Ingest command with key").textContent();
  const url = command?.match(/curl -X POST '([^']+)'/)?.[1];
  expect(url).toMatch(/\/api\/v1\/datasets\/[0-9a-f-]{36}\/records$/);
  return { url: url as string, key };
}

/** Creates a Request Inspector from its page and returns its URL; the page stays on the inspector. */
export async function createInspector(page: Page, name: string): Promise<string> {
  await page.goto("/inspector");
  await expect(page.getByRole("heading", { name: "Request Inspector", level: 1 })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create inspector" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  return page.getByLabel("Inspector URL").inputValue();
}
