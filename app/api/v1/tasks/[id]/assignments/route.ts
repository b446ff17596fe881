import { assignmentBody, idParams } from "@/lib/api/schemas";
import { assignTask, getTaskAssignments } from "@/lib/server/assignments";
import { notFound } from "@/lib/server/errors";
import { defineRoute } from "@/lib/server/http";

/** GET /api/v1/tasks/{id}/assignments — the text's units (原文), the current assignment (分工) and its history. */
export const GET = defineRoute({ params: idParams }, async ({ params }) => {
  const assignments = await getTaskAssignments(params.id);
  if (!assignments) throw notFound("task");
  return assignments;
});

/**
 * PUT /api/v1/tasks/{id}/assignments — replaces the task's assignment (reviewers and admins; `assignTask`
 * authorizes, validates and writes the assignment, its history row and audit entry in one transaction).
 * The same assignment again answers changed: false and records nothing.
 */
export const PUT = defineRoute({ params: idParams, body: assignmentBody }, async ({ actor, params, body }) => {
  const { changed } = await assignTask(actor, params.id, body, "API");
  const assignments = await getTaskAssignments(params.id);
  if (!assignments) throw notFound("task");
  return Response.json({ changed, assignments }, { headers: { "Cache-Control": "no-store" } });
});
