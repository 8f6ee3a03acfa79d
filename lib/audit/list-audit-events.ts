import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AUDIT_RESOURCE_TYPES } from "./record-audit";

export const AUDIT_PAGE_SIZE = 50;

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** The audit log page's filters, read from its URL; anything unreadable is ignored. */
export const auditFilterSchema = z.object({
  actor: z.string().max(200).optional().catch(undefined),
  resource: z.enum(AUDIT_RESOURCE_TYPES).optional().catch(undefined),
  from: dateSchema,
  to: dateSchema,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export type AuditEventRow = {
  id: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string;
  actorEmail: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  resourceName: string | null;
  details: Prisma.JsonValue;
  address: string;
};

/** Newest first, one page at a time. `to` is inclusive: the whole of that day (UTC). */
export async function listAuditEvents(
  workspaceId: string,
  filter: AuditFilter,
): Promise<{ events: AuditEventRow[]; total: number }> {
  const createdAt: Prisma.DateTimeFilter = {};
  if (filter.from) createdAt.gte = new Date(`${filter.from}T00:00:00.000Z`);
  if (filter.to)
    createdAt.lt = new Date(new Date(`${filter.to}T00:00:00.000Z`).getTime() + 24 * 60 * 60 * 1000);
  const where: Prisma.AuditEventWhereInput = {
    workspaceId,
    ...(filter.actor ? { actorEmail: filter.actor } : {}),
    ...(filter.resource ? { resourceType: filter.resource } : {}),
    ...(filter.from || filter.to ? { createdAt } : {}),
  };
  const [events, total] = await Promise.all([
    db().auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
        createdAt: true,
        actorId: true,
        actorName: true,
        actorEmail: true,
        action: true,
        resourceType: true,
        resourceId: true,
        resourceName: true,
        details: true,
        address: true,
      },
    }),
    db().auditEvent.count({ where }),
  ]);
  return { events, total };
}

/** Everyone who appears in the workspace's audit log, for the person filter. */
export async function listAuditActors(workspaceId: string): Promise<{ email: string; name: string }[]> {
  const rows = await db().auditEvent.findMany({
    where: { workspaceId },
    distinct: ["actorEmail"],
    select: { actorEmail: true, actorName: true },
    orderBy: { actorEmail: "asc" },
  });
  return rows.map((row) => ({ email: row.actorEmail, name: row.actorName }));
}
