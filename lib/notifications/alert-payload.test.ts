import { describe, expect, it } from "vitest";
import { ALERT_BODY_CHARS, buildAlertPayload } from "./alert-payload";

const notification = {
  kind: "destination_failing" as const,
  title: 'Destination "Signups" is failing',
  message: "It stopped delivering.\nThe API refused the credential.",
  link: "/destinations/d1",
  createdAt: new Date("2027-06-01T00:00:00Z"),
};

describe("the alert webhook's JSON", () => {
  it("has a one-line Slack text and an absolute link", () => {
    const payload = buildAlertPayload(notification, "https://outflow.example.com/", {});
    expect(payload.text).toBe(
      'Destination "Signups" is failing: It stopped delivering. The API refused the credential. https://outflow.example.com/destinations/d1',
    );
    expect(payload.alert.link).toBe("https://outflow.example.com/destinations/d1");
    expect(payload.alert).not.toHaveProperty("failingRequest");
  });

  it("masks credential headers that are not masked yet and caps bodies", () => {
    const payload = buildAlertPayload(notification, "https://outflow.example.com", {
      destination: { id: "d1", name: "Signups", status: "failing" },
      attempt: {
        method: "POST",
        url: "https://api.example.com/events",
        requestHeaders: {
          authorization: "Bearer ••••abcd",
          "x-api-key": "live-key-0123456789",
          "content-type": "application/json",
        },
        requestBody: "x".repeat(ALERT_BODY_CHARS + 10),
        status: 401,
        responseBody: '{"error":"unauthorized"}',
        errorMessage: "HTTP 401",
        startedAt: new Date(),
      },
    });
    expect(payload.alert.failingRequest?.headers).toEqual({
      authorization: "Bearer ••••abcd",
      "x-api-key": "••••6789",
      "content-type": "application/json",
    });
    expect(payload.alert.failingRequest?.body).toHaveLength(ALERT_BODY_CHARS + 1);
    expect(payload.alert.response).toEqual({
      status: 401,
      body: '{"error":"unauthorized"}',
      error: "HTTP 401",
    });
  });
});
