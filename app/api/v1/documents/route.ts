import { listApiDocuments } from "@/lib/server/api-catalogue";
import { defineRoute } from "@/lib/server/http";

/** GET /api/v1/documents — the imported documents. */
export const GET = defineRoute({}, async () => ({ items: await listApiDocuments() }));
