import { idParams, taskUpdateBody } from "@/lib/api/schemas";
import { taskExists, toApiTimeline, toApiUpdate } from "@/lib/server/api-tasks";
import { AppError, notFound, STATUS } from "@/lib/server/errors";
import { defineRoute } from "@/lib/server/http";
import { listTaskTimeline, saveTaskUpdate } from "@/lib/server/task-updates";

/** GET /api/v1/tasks/{id}/updates — every report version and comment on the task, newest first. */
export const GET = defineRoute({ params: idParams }, async ({ params }) => {
  if (!(await taskExists(params.id))) throw notFound("task");
  return { items: toApiTimeline(await listTaskTimeline(params.id)) };
});

/**
 * POST /api/v1/tasks/{id}/updates — the caller's department saves a draft or submits its report for the
 * current period. `saveTaskUpdate` authorizes (the department comes from the account and the task's
 * assignments) and guards the version; the task id comes from the path only.
 */
export const POST = defineRoute({ params: idParams, body: taskUpdateBody }, async ({ actor, locale, params, body }) => {
  try {
    const { update } = await saveTaskUpdate(actor, { ...body, taskId: params.id });
    return Response.json(toApiUpdate(update), { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    // A stale version: answer with the newer state and echo the rejected text so neither is lost.
    if (error instanceof AppError && error.code === "CONFLICT") {
      return Response.json(
        { error: { ...error.toBody(locale), submitted: body } },
        { status: STATUS.CONFLICT, headers: { "Cache-Control": "no-store" } },
      );
    }
    throw error;
  }
});
