/** The request builder's public surface: what the wizard, Send Test Data and the run executor use. */
export { buildRequests, type RequestBuilder, requestBuilder } from "./build-requests";
export { type Forecast, forecast, type RateLimit } from "./forecast";
export { parseHeaderList } from "./request-headers";
export { configFromTemplate } from "./template-defaults";
export * from "./types";
export { MANUAL_MAX_BATCH_SIZE, validateEndpointConfig } from "./validate-endpoint-config";
