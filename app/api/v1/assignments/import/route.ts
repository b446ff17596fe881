import { slugParams } from "@/lib/api/schemas";
import { AppError, forbidden } from "@/lib/server/errors";
import { defineRoute, MULTIPART_OVERHEAD_BYTES, readLimitedFormData } from "@/lib/server/http";
import { canImportAssignments, commitAssignmentImport, previewAssignmentImport } from "@/lib/server/assignment-import";
import { IMPORT_MAX_BYTES } from "@/lib/server/observation-import";
import { msg } from "@/lib/i18n/message";

export const dynamic = "force-dynamic";

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * POST /api/v1/assignments/import, multipart: `document` (slug), `file` and `intent` = preview | commit,
 * as the indicator bulk import (/api/indicators/observations/import). Preview answers 200 with every
 * changed task (before → after) and every bad row, and writes nothing. Commit also sends the `sha256` and
 * `version` the preview returned, `note` (the reason for rows whose 备注 is empty) and `effectiveDate`
 * (default today); it stores every row or none: 201, or 409 (the file or the tasks changed since the
 * preview) / 422 (bad rows, with the preview as it stands now in `error.current`). Reviewers and
 * administrators only: everyone else gets 403 before a byte of the body is read.
 */
export const POST = defineRoute({}, async ({ actor, locale, request }) => {
  if (!canImportAssignments(actor)) throw forbidden("assignTasks");
  const form = await readLimitedFormData(request, IMPORT_MAX_BYTES + MULTIPART_OVERHEAD_BYTES);
  const slug = slugParams.shape.slug.safeParse(field(form, "document"));
  if (!slug.success) {
    throw new AppError("VALIDATION", msg("assignmentImport.errors.documentRequired"), {
      fieldErrors: { document: ["required"] },
    });
  }
  const file = form.get("file");
  if (!(file instanceof File)) {
    throw new AppError("VALIDATION", msg("errors.chooseFile"), { fieldErrors: { file: ["required"] } });
  }
  const intent = form.get("intent") ?? "preview";
  const upload = { name: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) };
  if (intent === "preview") return previewAssignmentImport(actor, slug.data, upload, locale);
  if (intent !== "commit") throw new AppError("VALIDATION", msg("errors.imports.intent"));
  const sha256 = field(form, "sha256");
  if (!/^[0-9a-f]{64}$/i.test(sha256)) {
    throw new AppError("VALIDATION", msg("errors.imports.shaMissing"), { fieldErrors: { sha256: ["required"] } });
  }
  const version = field(form, "version");
  if (!/^[0-9a-f]{64}$/i.test(version)) {
    throw new AppError("VALIDATION", msg("assignmentImport.errors.versionMissing"), {
      fieldErrors: { version: ["required"] },
    });
  }
  const result = await commitAssignmentImport(
    actor,
    slug.data,
    upload,
    { sha256, version, note: field(form, "note"), effectiveDate: field(form, "effectiveDate").trim() },
    new Date(),
    locale,
  );
  return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
});
