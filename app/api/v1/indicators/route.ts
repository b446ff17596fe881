import { listApiIndicators } from "@/lib/server/api-catalogue";
import { defineRoute } from "@/lib/server/http";

/** GET /api/v1/indicators — the indicator catalogue. */
export const GET = defineRoute({}, async () => ({ items: await listApiIndicators() }));
