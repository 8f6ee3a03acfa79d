import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "./client";
import { afterCommit, withTransaction } from "./transaction";

afterAll(disconnectDb);

const workspaceNamed = (name: string) => db().workspace.count({ where: { name } });

describe("withTransaction", () => {
  it("commits every db() call made inside it, in whatever function, together", async () => {
    const create = (name: string) => db().workspace.create({ data: { name } });
    await withTransaction(async () => {
      await create("Together A");
      await create("Together B");
      // Inside, its own writes are visible to the next call.
      expect(await workspaceNamed("Together A")).toBe(1);
    });
    expect(await workspaceNamed("Together A")).toBe(1);
    expect(await workspaceNamed("Together B")).toBe(1);
  });

  it("rolls everything back when the work throws, and runs no after-commit task", async () => {
    const ran: string[] = [];
    await expect(
      withTransaction(async () => {
        await db().workspace.create({ data: { name: "Rolled back" } });
        await afterCommit(async () => {
          ran.push("after commit");
        });
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await workspaceNamed("Rolled back")).toBe(0);
    expect(ran).toEqual([]);
  });

  it("runs after-commit tasks once committed, and at once outside a transaction", async () => {
    const seen: number[] = [];
    await withTransaction(async () => {
      await db().workspace.create({ data: { name: "Seen after commit" } });
      await afterCommit(async () => {
        seen.push(await workspaceNamed("Seen after commit"));
      });
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual([1]);
    await afterCommit(async () => {
      seen.push(2);
    });
    expect(seen).toEqual([1, 2]);
  });

  it("turns a $transaction inside it into a savepoint: a failed one undoes only its own writes", async () => {
    await withTransaction(async () => {
      await db().workspace.create({ data: { name: "Kept" } });
      await expect(
        db().$transaction(async (tx) => {
          await tx.workspace.create({ data: { name: "Undone" } });
          // A unique violation aborts the statement; the savepoint keeps the transaction usable.
          const { id } = await tx.workspace.findFirstOrThrow({ where: { name: "Undone" } });
          await tx.workspace.create({ data: { id, name: "Undone again" } });
        }),
      ).rejects.toThrow();
      await db().workspace.create({ data: { name: "Kept after" } });
    });
    expect(await workspaceNamed("Kept")).toBe(1);
    expect(await workspaceNamed("Kept after")).toBe(1);
    expect(await workspaceNamed("Undone")).toBe(0);
  });
});
