import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { db, disconnectDb } from "@/lib/db/client";
import { createBinSchema } from "@/lib/inspector/schemas";
import { resetDatabase } from "@/lib/testing/reset-database";
import { publicAction } from "./action";
import { NUL_MESSAGE } from "./text-input";

beforeEach(resetDatabase);
afterAll(disconnectDb);

// An action that stores what it is given, as the real ones do.
const renameWorkspace = publicAction(
  z.object({ id: z.string(), name: z.string(), settings: z.object({ note: z.string() }).optional() }),
  async ({ id, name }) => {
    await db().workspace.update({ where: { id }, data: { name } });
  },
);

describe("publicAction and bad text", () => {
  it("reports a NUL character on its field instead of failing in Postgres, and stores nothing", async () => {
    const workspace = await db().workspace.create({ data: { name: "Acme" } });
    const result = await renameWorkspace({
      id: workspace.id,
      name: "Ac\u0000me",
      settings: { note: "x\u0000" },
    });
    expect(result).toEqual({
      ok: false,
      error: "Some fields need attention.",
      fieldErrors: { name: NUL_MESSAGE, "settings.note": NUL_MESSAGE },
    });
    expect((await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } })).name).toBe("Acme");
  });

  it("stores the same input once the NUL is gone", async () => {
    const workspace = await db().workspace.create({ data: { name: "Acme" } });
    expect(await renameWorkspace({ id: workspace.id, name: "Acme Corp" })).toEqual({
      ok: true,
      data: undefined,
    });
  });

  it("reports a line break inside a name on the name field", async () => {
    const action = publicAction(createBinSchema, async () => "created");
    expect(await action({ name: "Web\nhooks" })).toMatchObject({
      ok: false,
      fieldErrors: { name: "Use a single line: remove the line breaks and tabs." },
    });
  });
});
