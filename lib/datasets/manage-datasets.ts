import { StateConflict, UserError } from "@/lib/actions/user-error";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { destinationMachine } from "@/lib/delivery/model/destination-state";

const NAME_TAKEN = "Another dataset already has this name.";

export async function createDataset(workspaceId: string, name: string): Promise<{ id: string }> {
  try {
    return await db().dataset.create({ data: { workspaceId, name }, select: { id: true } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new UserError(NAME_TAKEN, "name");
    throw error;
  }
}

export async function renameDataset(workspaceId: string, id: string, name: string): Promise<void> {
  try {
    const { count } = await db().dataset.updateMany({ where: { id, workspaceId }, data: { name } });
    if (count === 0) throw new UserError("This dataset no longer exists.");
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new UserError(NAME_TAKEN, "name");
    throw error;
  }
}

/**
 * Deletes a dataset with all its records and its inactive destinations. Refused while a
 * destination is delivering it: pause that destination first.
 */
export async function deleteDataset(workspaceId: string, id: string): Promise<void> {
  const delivering = await db().destination.findMany({
    // Those that Pause applies to: delivering, or resuming their queued records on Activate.
    where: { datasetId: id, workspaceId, status: { in: destinationMachine.fromStates("pause") } },
    select: { name: true },
  });
  if (delivering.length > 0) {
    const names = delivering.map((d) => `"${d.name}"`).join(", ");
    throw new StateConflict(
      `This dataset is being sent by ${names}. Pause ${delivering.length === 1 ? "that destination" : "those destinations"} first.`,
    );
  }
  const { count } = await db().dataset.deleteMany({ where: { id, workspaceId } });
  if (count === 0) throw new UserError("This dataset no longer exists.");
}
