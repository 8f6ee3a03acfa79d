/** /api/v1/destinations/{id}/requests: the Request Log, newest first, paged by id. */
import { getRequest, listRequests } from "@/lib/monitoring/request-log";
import { json } from "../problem";
import { apiRoute, NotFound, readQuery, requireUuid } from "../route";
import { requestQuerySchema } from "./schemas";

type DestinationParams = { destinationId: string };

const asEntry = <T extends { startedAt: Date }>(entry: T) => ({
  ...entry,
  startedAt: entry.startedAt.toISOString(),
});

export const listRequestsRoute = apiRoute<DestinationParams>(null, async ({ caller, request, params }) => {
  const { cursor, status, q } = readQuery(request, requestQuerySchema);
  const page = await listRequests(caller.workspace.id, requireUuid(params.destinationId, "destination"), {
    before: cursor ?? null,
    status: status ?? null,
    q: q ?? null,
  });
  if (!page) throw new NotFound("No destination of this workspace has this id.");
  return json({ data: page.entries.map(asEntry), nextCursor: page.olderCursor });
});

export const getRequestRoute = apiRoute<DestinationParams & { requestId: string }>(
  null,
  async ({ caller, params }) => {
    const detail = await getRequest(
      caller.workspace.id,
      requireUuid(params.destinationId, "destination"),
      params.requestId,
    );
    if (!detail) throw new NotFound("This destination has no logged request with this id.");
    return json(asEntry(detail));
  },
);
