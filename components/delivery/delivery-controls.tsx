"use client";

import { useMutation } from "@tanstack/react-query";
import {
  activateDestinationAction,
  pauseDestinationAction,
  runDestinationNowAction,
} from "@/app/(app)/destinations/[destinationId]/actions";
import { Button } from "@/components/ui/button";
import { destinationMachine } from "@/lib/delivery/model/destination-state";
import type { DeliveryOverview } from "@/lib/delivery/read-delivery";

const ACTIONS = {
  activate: activateDestinationAction,
  pause: pauseDestinationAction,
  run: runDestinationNowAction,
};

/** Activate, Pause and Run Now, each shown when it applies to the destination's status. */
export function DeliveryControls({
  destinationId,
  status,
  saved,
}: {
  destinationId: string;
  status: DeliveryOverview["status"];
  /** Whether Done has saved a configuration: Activate sends with it. */
  saved: boolean;
}) {
  const control = useMutation({
    mutationFn: (action: keyof typeof ACTIONS) => ACTIONS[action]({ id: destinationId }),
  });
  const failure = control.data && !control.data.ok ? control.data.error : null;
  const busy = control.isPending;
  const hintId = `activate-hint-${destinationId}`;
  const activate = destinationMachine.transition(status, "activate");
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {destinationMachine.allows(status, "runNow") ? (
          <Button variant="secondary" disabled={busy} onClick={() => control.mutate("run")}>
            Run Now
          </Button>
        ) : null}
        {destinationMachine.allows(status, "pause") ? (
          <Button variant="secondary" disabled={busy} onClick={() => control.mutate("pause")}>
            Pause
          </Button>
        ) : null}
        {activate.ok && activate.to !== status ? (
          <Button
            disabled={busy || !saved}
            aria-describedby={saved ? undefined : hintId}
            onClick={() => control.mutate("activate")}
          >
            Activate
          </Button>
        ) : null}
      </div>
      {saved ? null : (
        <p id={hintId} className="max-w-xs text-right text-xs text-slate-500">
          Finish the setup first: Done saves the configuration that Activate sends with.
        </p>
      )}
      {failure ? (
        <p role="alert" data-form-error className="max-w-sm text-right text-sm text-red-600">
          {failure}
        </p>
      ) : null}
    </div>
  );
}
