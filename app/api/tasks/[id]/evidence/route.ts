import { requireRequestActor } from "@/lib/server/auth/session";
import { AppError } from "@/lib/server/errors";
import { storeEvidenceFile } from "@/lib/server/evidence";
import { checkSameOrigin, errorResponse, idSchema } from "@/lib/server/http";

/** Multipart upload of one evidence file (field "file", optional "title"). */
export async function POST(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireRequestActor(request);
    checkSameOrigin(request, actor);
    const taskId = idSchema.safeParse((await ctx.params).id);
    if (!taskId.success) throw new AppError("NOT_FOUND", "任务不存在 · not found");
    // Refuse oversized bodies before reading them.
    const length = Number(request.headers.get("content-length") ?? 0);
    if (length > 60 * 1024 * 1024) throw new AppError("PAYLOAD_TOO_LARGE", "文件过大 · the file is too large");
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new AppError("VALIDATION", "请以 multipart/form-data 上传文件 · upload as multipart/form-data");
    }
    const file = form.get("file");
    if (!(file instanceof File))
      throw new AppError("VALIDATION", "请选择文件 · choose a file", { fieldErrors: { file: ["required"] } });
    const title = form.get("title");
    const stored = await storeEvidenceFile(
      actor,
      taskId.data,
      { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
      typeof title === "string" && title.trim() ? title.trim() : undefined,
    );
    return Response.json(stored, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
