/**
 * The JSON POSTed to a workspace's alert webhook. `text` is a one-line summary, which is all a
 * Slack incoming webhook needs; `alert` carries the details for anything else that receives it.
 */
import type { NotificationKind } from "@/lib/db/generated/client";
import { redactHeaders } from "@/lib/http/redact";

/** Request and response bodies in an alert, at most; the full ones are in the request log. */
export const ALERT_BODY_CHARS = 4096;
const SUMMARY_CHARS = 300;
const MASK = "••••";

export type FailedAttempt = {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  status: number | null;
  responseBody: string | null;
  errorMessage: string | null;
  startedAt: Date;
};

/** What an alert is about; "test" for Send test alert on the settings page. */
export type AlertKind = NotificationKind | "test";

export type AlertPayload = {
  text: string;
  alert: {
    kind: AlertKind;
    title: string;
    message: string;
    link: string;
    createdAt: string;
    destination?: { id: string; name: string; status: string };
    failingRequest?: { method: string; url: string; headers: Record<string, string>; body: string | null };
    response?: { status: number | null; body: string | null; error: string | null };
  };
};

export function buildAlertPayload(
  notification: { kind: AlertKind; title: string; message: string; link: string; createdAt: Date },
  publicUrl: string,
  context: {
    destination?: { id: string; name: string; status: string } | null;
    attempt?: FailedAttempt | null;
  },
): AlertPayload {
  const link = `${publicUrl.replace(/\/$/, "")}${notification.link}`;
  const attempt = context.attempt;
  return {
    text: `${capText(`${notification.title}: ${oneLine(notification.message)}`, SUMMARY_CHARS)} ${link}`,
    alert: {
      kind: notification.kind,
      title: notification.title,
      message: notification.message,
      link,
      createdAt: notification.createdAt.toISOString(),
      ...(context.destination ? { destination: context.destination } : {}),
      ...(attempt
        ? {
            failingRequest: {
              method: attempt.method,
              url: attempt.url,
              headers: maskHeaders(attempt.requestHeaders),
              body: attempt.requestBody === null ? null : capText(attempt.requestBody, ALERT_BODY_CHARS),
            },
            response: {
              status: attempt.status,
              body: attempt.responseBody === null ? null : capText(attempt.responseBody, ALERT_BODY_CHARS),
              error: attempt.errorMessage,
            },
          }
        : {}),
    },
  };
}

/**
 * The attempt log keeps headers masked already (`Bearer ••••abcd`); masking is applied again to
 * any credential header that is not, so nothing in the log's past can leak through an alert.
 */
function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const masked = redactHeaders(headers, []);
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      value.includes(MASK) ? value : (masked[name] ?? ""),
    ]),
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function capText(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars)}…`;
}
