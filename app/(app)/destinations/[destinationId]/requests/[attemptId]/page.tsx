import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatDateTimeSeconds } from "@/components/delivery/format-time";
import { HttpMessage } from "@/components/delivery/http-message";
import { CopyCurl } from "@/components/ui/copy-curl";
import { requireWorkspaceSession } from "@/lib/auth/session";
import { getDestination } from "@/lib/destinations/manage-destinations";
import { curlForLoggedRequest } from "@/lib/monitoring/request-curl";
import { getRequest } from "@/lib/monitoring/request-log";

export const metadata: Metadata = { title: "Request" };

const paramsSchema = z.object({ destinationId: z.uuid(), attemptId: z.string().regex(/^\d{1,19}$/) });

export default async function RequestPage({
  params,
}: {
  params: Promise<{ destinationId: string; attemptId: string }>;
}) {
  const session = await requireWorkspaceSession();
  const ids = paramsSchema.safeParse(await params);
  if (!ids.success) notFound();
  const { destinationId, attemptId } = ids.data;
  const workspaceId = session.workspace.id;
  const [destination, request] = await Promise.all([
    getDestination(workspaceId, destinationId),
    getRequest(workspaceId, destinationId, attemptId),
  ]);
  if (!destination || !request) notFound();
  const curl = await curlForLoggedRequest(workspaceId, destinationId, request);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="flex flex-wrap gap-x-2 text-sm text-slate-600">
        <Link href={`/destinations/${destinationId}?tab=requests`} className="hover:underline">
          {destination.name} · Request Log
        </Link>
        <span aria-hidden="true">/</span>
        <Link href={`/destinations/${destinationId}/runs/${request.runId}`} className="hover:underline">
          Run
        </Link>
      </nav>
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">
          Request {request.id}: {request.method} {request.status ?? "no response"}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {formatDateTimeSeconds(request.startedAt)} · {request.durationMs} ms · attempt {request.attempt} ·{" "}
          {request.recordCount} {request.recordCount === 1 ? "record" : "records"}
          {request.records ? ` (${request.records})` : ""} · configuration version {request.version} · outcome{" "}
          {request.outcome}
        </p>
      </header>

      {request.resentAfterStop ? (
        <p className="rounded-lg border border-amber-300 bg-amber-50 px-5 py-3 text-sm text-amber-900">
          Re-sent after a worker stopped mid-send: an earlier send of this request may have reached the API
          before its answer was recorded. Both carried the same Idempotency-Key, so an API that honours it
          applies the request once.
        </p>
      ) : null}

      {request.errorMessage ? (
        <div
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 px-5 py-4 text-sm text-red-900"
        >
          <p className="font-semibold">{request.errorClass ?? "Error"}</p>
          <p className="mt-1 break-words">{request.errorMessage}</p>
        </div>
      ) : null}

      <section
        aria-labelledby="request-heading"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="request-heading" className="font-semibold">
          Request
        </h2>
        <p className="font-mono text-sm break-all">
          <span className="font-semibold">{request.method}</span> {request.url}
        </p>
        <HttpMessage label="Request" headers={request.requestHeaders} body={request.requestBody} />
        <CopyCurl curl={curl} />
        {request.requestBodyNote ? <p className="text-sm text-slate-600">{request.requestBodyNote}</p> : null}
      </section>

      <section
        aria-labelledby="response-heading"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="response-heading" className="font-semibold">
          Response
        </h2>
        {request.status === null ? (
          <p className="text-sm text-slate-600">No response: the request did not get an answer.</p>
        ) : (
          <>
            <p className="text-sm">
              Status <span className="font-mono font-semibold">{request.status}</span>
            </p>
            <HttpMessage label="Response" headers={request.responseHeaders} body={request.responseBody} />
          </>
        )}
      </section>
    </div>
  );
}
