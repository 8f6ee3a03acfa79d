import { openApiDocument } from "@/lib/api/v1/openapi";

// The API described, for tools and for the reference page; no token needed to read it.
export function GET(): Response {
  return Response.json(openApiDocument());
}
