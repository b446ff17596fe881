import { idParams, reviewBody } from "@/lib/api/schemas";
import { toApiUpdate } from "@/lib/server/api-tasks";
import { defineRoute } from "@/lib/server/http";
import { reviewTaskUpdate } from "@/lib/server/task-updates";

/**
 * POST /api/v1/tasks/{id}/reviews — a reviewer approves or returns a department's submitted report.
 * `reviewTaskUpdate` checks the reviewer role and the version; the task id comes from the path only.
 */
export const POST = defineRoute({ params: idParams, body: reviewBody }, async ({ actor, params, body }) => {
  const update = await reviewTaskUpdate(actor, { ...body, taskId: params.id });
  return Response.json(toApiUpdate(update), { status: 201, headers: { "Cache-Control": "no-store" } });
});
