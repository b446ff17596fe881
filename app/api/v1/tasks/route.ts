import { listApiTasks } from "@/lib/server/api-tasks";
import { taskListQuery } from "@/lib/api/schemas";
import { shanghaiDate } from "@/lib/domain/periods";
import { defineRoute } from "@/lib/server/http";

/** GET /api/v1/tasks — current tasks, filtered, sorted and paged. */
export const GET = defineRoute({ query: taskListQuery }, ({ query }) => listApiTasks(query, shanghaiDate(new Date())));
