import { AppError, forbidden } from "@/lib/server/errors";
import { defineRoute, MULTIPART_OVERHEAD_BYTES, readLimitedFormData } from "@/lib/server/http";
import {
  canImportObservations,
  commitObservationImport,
  IMPORT_MAX_BYTES,
  previewObservationImport,
} from "@/lib/server/observation-import";

export const dynamic = "force-dynamic";

/**
 * POST /api/indicators/observations/import, multipart: `file` and `intent` = preview | commit (commit
 * also sends the `sha256` the preview returned). Preview answers 200 with every row's status and writes
 * nothing; commit stores every row or none (201, or 403/409/422 with the rows' problems). The pages that
 * show the values are dynamic, so there is no cache to revalidate.
 */
export const POST = defineRoute({}, async ({ actor, request }) => {
  // Authorize before reading a byte of the body, then read at most the file limit plus the form's own
  // overhead, counting as it arrives (a chunked upload declares no length).
  if (!(await canImportObservations(actor))) throw forbidden("批量填报指标实际值 bulk entry of actual values");
  const form = await readLimitedFormData(request, IMPORT_MAX_BYTES + MULTIPART_OVERHEAD_BYTES);
  const file = form.get("file");
  if (!(file instanceof File)) {
    throw new AppError("VALIDATION", "请选择文件 · choose a file", { fieldErrors: { file: ["required"] } });
  }
  const intent = form.get("intent") ?? "preview";
  const upload = { name: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) };
  if (intent === "preview") return previewObservationImport(actor, upload);
  if (intent !== "commit") {
    throw new AppError("VALIDATION", "intent 应为 preview 或 commit · intent must be preview or commit");
  }
  const sha256 = form.get("sha256");
  if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/i.test(sha256)) {
    throw new AppError("VALIDATION", "缺少预览返回的 sha256 · the sha256 from the preview is missing", {
      fieldErrors: { sha256: ["required"] },
    });
  }
  const result = await commitObservationImport(actor, upload, sha256);
  return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
});
