import { idParams } from "@/lib/api/schemas";
import { getApiTask } from "@/lib/server/api-tasks";
import { shanghaiDate } from "@/lib/domain/periods";
import { notFound } from "@/lib/server/errors";
import { defineRoute } from "@/lib/server/http";

/** GET /api/v1/tasks/{id} — one task with its units by role, milestones, indicators and source offsets. */
export const GET = defineRoute({ params: idParams }, async ({ params }) => {
  const task = await getApiTask(params.id, shanghaiDate(new Date()));
  if (!task) throw notFound("task");
  return task;
});
