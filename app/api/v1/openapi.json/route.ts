import { buildOpenApiDocument } from "@/lib/api/openapi";
import { errorResponse } from "@/lib/server/http";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/**
 * GET /api/v1/openapi.json — the API's description. Deliberately public, like /api/health: it holds no
 * data, only the contract (which is in the source anyway), and API tools must read it before they have a
 * token. It is therefore the one /api/v1 route that does not go through `defineRoute`.
 */
export function GET(request: Request): Response {
  try {
    document ??= buildOpenApiDocument();
    return Response.json(document, { headers: { "Cache-Control": "public, max-age=300" } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
