import { getApiIndicator } from "@/lib/server/api-catalogue";
import { idParams } from "@/lib/api/schemas";
import { notFound } from "@/lib/server/errors";
import { defineRoute } from "@/lib/server/http";

/** GET /api/v1/indicators/{id} — one indicator with its baselines and targets across documents. */
export const GET = defineRoute({ params: idParams }, async ({ params }) => {
  const indicator = await getApiIndicator(params.id);
  if (!indicator) throw notFound("indicator");
  return indicator;
});
