import { requireRequestActor } from "@/lib/server/auth/session";
import { AppError, notFound } from "@/lib/server/errors";
import { getEnv } from "@/lib/env";
import { assertCanAttachEvidence, storeEvidenceFile } from "@/lib/server/evidence";
import {
  checkSameOrigin,
  errorResponse,
  idSchema,
  MULTIPART_OVERHEAD_BYTES,
  readLimitedFormData,
  recordRouteRefusal,
} from "@/lib/server/http";
import type { Actor } from "@/lib/server/auth/actor";
import { msg } from "@/lib/i18n/message";

/** Multipart upload of one evidence file (field "file", optional "title"). */
export async function POST(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  let refused: Actor | null = null; // who is answered, for the audit of a 403
  try {
    const actor = await requireRequestActor(request);
    refused = actor;
    checkSameOrigin(request, actor);
    const taskId = idSchema.safeParse((await ctx.params).id);
    if (!taskId.success) throw notFound("task");
    // Authorize before reading a byte of the body, then read at most the file limit plus the form's own
    // overhead, counting as it arrives (a chunked upload declares no length).
    await assertCanAttachEvidence(actor, taskId.data);
    const form = await readLimitedFormData(request, getEnv().UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD_BYTES);
    const file = form.get("file");
    if (!(file instanceof File))
      throw new AppError("VALIDATION", msg("errors.chooseFile"), { fieldErrors: { file: ["required"] } });
    const title = form.get("title");
    const stored = await storeEvidenceFile(
      actor,
      taskId.data,
      { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
      typeof title === "string" && title.trim() ? title.trim() : undefined,
    );
    return Response.json(stored, { status: 201 });
  } catch (error) {
    await recordRouteRefusal(request, refused, error);
    return errorResponse(error, request);
  }
}
