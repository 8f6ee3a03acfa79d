"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { MAX_REQUESTS_PER_BIN, REQUESTS_PAGE_SIZE } from "@/lib/inspector/limits";
import type { InspectorRequestJson } from "@/lib/inspector/request-json";
import { fetchRequests } from "./fetch-requests";
import { formatBytes, formatReceivedAt } from "./format";
import { inspectorKeys } from "./query-keys";
import { RequestDetails } from "./request-details";

const POLL_MS = 2_000;

/** The inspector's requests, newest first, polling for new ones while the page is open. */
export function RequestList({
  binId,
  initialRequests,
}: {
  binId: string;
  initialRequests: InspectorRequestJson[];
}) {
  const queryClient = useQueryClient();
  const queryKey = inspectorKeys.requests(binId);
  const { data: requests, error } = useQuery({
    queryKey,
    // Each poll asks only for what arrived after the newest request already shown.
    queryFn: async () => {
      const known = queryClient.getQueryData<InspectorRequestJson[]>(queryKey) ?? [];
      return mergeNewer(known, await fetchRequests(binId, known[0]?.id));
    },
    initialData: initialRequests,
    refetchInterval: POLL_MS,
  });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  function toggle(id: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  return (
    <section aria-labelledby="requests-heading" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-5 py-3">
        <h2 id="requests-heading" className="font-semibold">
          Requests
        </h2>
        <p className="text-xs text-slate-500">Newest first · updates every 2 seconds</p>
      </div>
      {error ? (
        <p role="alert" className="border-b border-red-100 bg-red-50 px-5 py-2 text-sm text-red-800">
          Live updates paused: {error.message}
        </p>
      ) : null}
      {requests.length === 0 ? (
        <p className="px-5 py-10 text-center text-sm text-slate-600">
          Waiting for the first request… Send one with the curl example above, or point a destination at this
          URL.
        </p>
      ) : (
        <ul aria-label="Received requests">
          {requests.map((request) => {
            const open = expanded.has(request.id);
            const detailsId = `inspector-request-${request.id}`;
            return (
              <li key={request.id} className="border-t border-slate-100 first:border-t-0">
                <button
                  type="button"
                  aria-expanded={open}
                  aria-controls={detailsId}
                  onClick={() => toggle(request.id)}
                  className="flex w-full items-center gap-3 px-5 py-2.5 text-left text-sm hover:bg-slate-50"
                >
                  <span className="w-16 shrink-0 font-mono text-xs font-semibold text-brand-700">
                    {request.method}
                  </span>{" "}
                  <span className="min-w-0 flex-1 truncate font-mono text-xs text-slate-800">
                    {request.path}
                    {request.query ? `?${request.query}` : ""}
                  </span>{" "}
                  <span className="shrink-0 text-xs text-slate-500">
                    {formatReceivedAt(request.receivedAt)}
                  </span>{" "}
                  <span className="w-20 shrink-0 text-right text-xs text-slate-500">
                    {formatBytes(request.bodyBytes)}
                  </span>
                </button>
                {open ? <RequestDetails id={detailsId} request={request} /> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/**
 * New requests go on top. A full page of them may have skipped some in between, so then the
 * page replaces the list rather than leave a silent gap.
 */
function mergeNewer(known: InspectorRequestJson[], newer: InspectorRequestJson[]): InspectorRequestJson[] {
  if (newer.length === 0) return known;
  if (newer.length >= REQUESTS_PAGE_SIZE) return newer;
  return [...newer, ...known].slice(0, MAX_REQUESTS_PER_BIN);
}
