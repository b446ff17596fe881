import { listApiDepartments } from "@/lib/server/api-catalogue";
import { defineRoute } from "@/lib/server/http";

/** GET /api/v1/departments — every department with its current tasks counted by role. */
export const GET = defineRoute({}, async () => ({ items: await listApiDepartments() }));
