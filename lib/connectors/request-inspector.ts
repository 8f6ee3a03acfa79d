import { z } from "zod";
import type { Connector } from "./types";

/**
 * Outflow's own receiver: every request sent to an inspector URL is recorded and shown in
 * Outflow, so a flow can be tried end to end without an account anywhere else.
 */
export const requestInspector: Connector = {
  id: "inspector",
  name: "Request Inspector",
  logo: "/logos/inspector.svg",
  description:
    "A URL inside Outflow that records every request sent to it: try a flow without any other account.",
  docsUrl: "/inspector",
  defaultBaseUrl: "",
  needsCredential: false,
  fields: [],
  schema: z.object({}),
  applyAuth: (request) => request,
  test: null,
  rateLimit: null,
  // Configure Manually only (the Request Inspector's URL is filled in by the wizard).
  templates: [],
  secretLabel: "",
};
