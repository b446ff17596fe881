import { getApiDepartment } from "@/lib/server/api-catalogue";
import { idParams } from "@/lib/api/schemas";
import { shanghaiDate } from "@/lib/domain/periods";
import { notFound } from "@/lib/server/errors";
import { defineRoute } from "@/lib/server/http";

/** GET /api/v1/departments/{id} — one department with its aliases and task counts. */
export const GET = defineRoute({ params: idParams }, async ({ params }) => {
  const department = await getApiDepartment(params.id, shanghaiDate(new Date()));
  if (!department) throw notFound("department");
  return department;
});
