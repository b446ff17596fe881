import { getApiDocument } from "@/lib/server/api-catalogue";
import { slugParams } from "@/lib/api/schemas";
import { notFound } from "@/lib/server/errors";
import { defineRoute } from "@/lib/server/http";

/** GET /api/v1/documents/{slug} — one document's metadata, source files and section outline. */
export const GET = defineRoute({ params: slugParams }, async ({ params }) => {
  const document = await getApiDocument(params.slug);
  if (!document) throw notFound("document");
  return document;
});
