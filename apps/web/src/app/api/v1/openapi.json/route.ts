import { buildOpenApiDocument, type TOpenApiDocument } from "@/lib/openapi/document.ts";

// Built on the first request and kept: it depends only on the code, not on a tenant or a request.
let document: TOpenApiDocument | undefined;

/**
 * GET /api/v1/openapi.json: the OpenAPI 3.1 document of /api/v1. Public: it describes the API and
 * holds no tenant data, so clients and code generators can fetch it without a key.
 */
export function GET(): Response {
  document ??= buildOpenApiDocument();
  return Response.json(document, { headers: { "Cache-Control": "public, max-age=300" } });
}
