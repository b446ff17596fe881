import { listApiPeriods } from "@/lib/server/api-catalogue";
import { periodListQuery } from "@/lib/api/schemas";
import { defineRoute } from "@/lib/server/http";

/** GET /api/v1/periods — reporting periods, the one accepting reports now flagged `current`. */
export const GET = defineRoute({ query: periodListQuery }, ({ query }) => listApiPeriods(query.year));
