import { AppError, forbidden } from "@/lib/server/errors";
import { defineRoute, MULTIPART_OVERHEAD_BYTES, readLimitedFormData } from "@/lib/server/http";
import {
  canImportObservations,
  commitObservationImport,
  IMPORT_MAX_BYTES,
  previewObservationImport,
} from "@/lib/server/observation-import";
import { msg } from "@/lib/i18n/message";

export const dynamic = "force-dynamic";

/**
 * POST /api/indicators/observations/import, multipart: `file` and `intent` = preview | commit (commit
 * also sends the `sha256` the preview returned). Preview answers 200 with every row's status and writes
 * nothing; commit stores every row or none (201, or 403/409/422 with the rows' problems). The pages that
 * show the values are dynamic, so there is no cache to revalidate.
 */
export const POST = defineRoute({}, async ({ actor, locale, request }) => {
  // Authorize before reading a byte of the body, then read at most the file limit plus the form's own
  // overhead, counting as it arrives (a chunked upload declares no length).
  if (!(await canImportObservations(actor))) throw forbidden("importObservations");
  const form = await readLimitedFormData(request, IMPORT_MAX_BYTES + MULTIPART_OVERHEAD_BYTES);
  const file = form.get("file");
  if (!(file instanceof File)) {
    throw new AppError("VALIDATION", msg("errors.chooseFile"), { fieldErrors: { file: ["required"] } });
  }
  const intent = form.get("intent") ?? "preview";
  const upload = { name: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) };
  if (intent === "preview") return previewObservationImport(actor, upload, new Date(), locale);
  if (intent !== "commit") {
    throw new AppError("VALIDATION", msg("errors.imports.intent"));
  }
  const sha256 = form.get("sha256");
  if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/i.test(sha256)) {
    throw new AppError("VALIDATION", msg("errors.imports.shaMissing"), {
      fieldErrors: { sha256: ["required"] },
    });
  }
  const result = await commitObservationImport(actor, upload, sha256, new Date(), locale);
  return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
});
