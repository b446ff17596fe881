import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { evidenceLinkInput } from "../schemas/task-updates";
import { getEnv, uploadDirectory } from "../env";
import { writeAudit } from "./audit";
import type { Actor } from "./auth/actor";
import { getDb } from "./db";
import { checkDocumentContainer, zipRefusalError } from "./document-containers";
import { AppError, forbidden, notFound } from "./errors";
import type { ZipRefusal } from "./zip-archive";
import { msg } from "../i18n/message";

/**
 * Evidence for task reports: uploaded files (checked by content, not by the name or the browser's
 * claimed type; size-limited; stored under UPLOAD_DIR outside the web root; served only as downloads)
 * or links. An upload is "pending" until a report version attaches it.
 */
export const ALLOWED_TYPES = {
  pdf: { mime: "application/pdf", label: "PDF" },
  png: { mime: "image/png", label: "PNG" },
  jpg: { mime: "image/jpeg", label: "JPEG" },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "Word" },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "Excel" },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", label: "PowerPoint" },
  doc: { mime: "application/msword", label: "Word 97–2003" },
  xls: { mime: "application/vnd.ms-excel", label: "Excel 97–2003" },
  ppt: { mime: "application/vnd.ms-powerpoint", label: "PowerPoint 97–2003" },
  ofd: { mime: "application/ofd", label: "OFD" },
} as const;
export type EvidenceType = keyof typeof ALLOWED_TYPES;

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

export type EvidenceDetection =
  | { ok: true; type: EvidenceType }
  /** unknown: no accepted signature, or one the extension does not claim; mismatch: the container's
   * structure is not the document the extension names (a plain zip named .docx, an .msi named .doc). */
  | { ok: false; reason: "unknown" | "mismatch" | ZipRefusal; claimed?: EvidenceType; detail?: string };

/** What an Office or OFD upload may unpack to while it is checked (entries are verified one at a time). */
export function evidenceMaxUnpackedBytes(uploadMaxBytes: number): number {
  return Math.min(256 * 1024 * 1024, Math.max(64 * 1024 * 1024, 10 * uploadMaxBytes));
}

/**
 * The file's type from its bytes and extension together. The signature must be the one the extension
 * names, and for containers (zip: docx/xlsx/pptx/ofd; OLE compound file: doc/xls/ppt) the structure
 * inside must be that kind of document too — see document-containers.ts.
 */
export async function detectEvidenceType(
  fileName: string,
  bytes: Uint8Array,
  maxUnpackedBytes: number,
): Promise<EvidenceDetection> {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const zip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  const ole = startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const simple = (type: EvidenceType | null): EvidenceDetection =>
    type ? { ok: true, type } : { ok: false, reason: "unknown" };
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return simple(ext === "pdf" ? "pdf" : null);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return simple(ext === "png" ? "png" : null);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return simple(ext === "jpg" || ext === "jpeg" ? "jpg" : null);
  const claimed =
    zip && (ext === "docx" || ext === "xlsx" || ext === "pptx" || ext === "ofd")
      ? ext
      : ole && (ext === "doc" || ext === "xls" || ext === "ppt")
        ? ext
        : null;
  if (!claimed) return { ok: false, reason: "unknown" };
  const check = await checkDocumentContainer(claimed, bytes, maxUnpackedBytes);
  return check.ok ? { ok: true, type: claimed } : { ok: false, reason: check.reason, claimed, detail: check.detail };
}

export function uploadDir(): string {
  return uploadDirectory(getEnv());
}

/** The actor may attach evidence to the task: an editor of a department assigned to it. */
export async function assertCanAttachEvidence(actor: Actor, taskId: number): Promise<void> {
  const task = await getDb().task.findUnique({
    where: { id: taskId },
    select: { retiredAt: true, assignments: { select: { departmentId: true } } },
  });
  if (!task || task.retiredAt) throw notFound("task");
  if (actor.role !== "DEPARTMENT_EDITOR" || !task.assignments.some((a) => a.departmentId === actor.departmentId)) {
    throw forbidden("attachEvidence");
  }
}

export interface StoredEvidence {
  id: number;
  title: string;
  fileName: string | null;
  byteSize: number | null;
  kind: "FILE" | "LINK";
  url: string | null;
}

export async function storeEvidenceFile(
  actor: Actor,
  taskId: number,
  file: { name: string; bytes: Uint8Array },
  title?: string,
): Promise<StoredEvidence> {
  await assertCanAttachEvidence(actor, taskId);
  const max = getEnv().UPLOAD_MAX_BYTES;
  if (file.bytes.byteLength === 0) throw new AppError("VALIDATION", msg("errors.evidence.empty"));
  if (file.bytes.byteLength > max) {
    throw new AppError("PAYLOAD_TOO_LARGE", msg("errors.evidence.tooLarge", { mb: Math.round(max / 1024 / 1024) }));
  }
  const maxUnpacked = evidenceMaxUnpackedBytes(max);
  const detected = await detectEvidenceType(file.name, file.bytes, maxUnpacked);
  if (!detected.ok) {
    if (detected.reason === "unknown") throw new AppError("UNSUPPORTED_MEDIA_TYPE", msg("uploads.unknownType"));
    if (detected.reason === "mismatch" || detected.reason === "notZip") {
      const claimed = detected.claimed!;
      throw new AppError(
        "UNSUPPORTED_MEDIA_TYPE",
        msg("uploads.disguised", { ext: claimed, label: ALLOWED_TYPES[claimed].label }),
      );
    }
    throw zipRefusalError(detected.reason, maxUnpacked);
  }
  const type = detected.type;
  const safeName = path
    .basename(file.name)
    .replace(/[\u0000-\u001f\\/:*?"<>|]/g, "_")
    .slice(0, 200);
  const now = new Date();
  const storageKey = path.join(String(now.getUTCFullYear()), `${randomUUID()}.${type}`);
  const target = path.join(uploadDir(), storageKey);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, file.bytes, { mode: 0o600 });
  return getDb().$transaction(async (tx) => {
    const evidence = await tx.evidence.create({
      data: {
        taskId,
        kind: "FILE",
        title: (title ?? safeName).slice(0, 200),
        fileName: safeName,
        contentType: ALLOWED_TYPES[type].mime,
        byteSize: file.bytes.byteLength,
        sha256: createHash("sha256").update(file.bytes).digest("hex"),
        storageKey,
        uploadedById: actor.id,
      },
      select: { id: true, title: true, fileName: true, byteSize: true, kind: true, url: true, sha256: true },
    });
    await writeAudit(tx, actor, {
      action: "evidence.upload",
      entityType: "evidence",
      entityId: evidence.id,
      after: { taskId, ...evidence },
    });
    return evidence;
  });
}

export async function addEvidenceLink(actor: Actor, raw: z.input<typeof evidenceLinkInput>): Promise<StoredEvidence> {
  const input = evidenceLinkInput.parse(raw);
  await assertCanAttachEvidence(actor, input.taskId);
  return getDb().$transaction(async (tx) => {
    const evidence = await tx.evidence.create({
      data: { taskId: input.taskId, kind: "LINK", title: input.title, url: input.url, uploadedById: actor.id },
      select: { id: true, title: true, fileName: true, byteSize: true, kind: true, url: true },
    });
    await writeAudit(tx, actor, {
      action: "evidence.link",
      entityType: "evidence",
      entityId: evidence.id,
      after: evidence,
    });
    return evidence;
  });
}

/** A stored file for download by any signed-in user (task records are visible to all of them). */
export async function readEvidenceFile(id: number): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  const evidence = await getDb().evidence.findUnique({
    where: { id },
    select: { kind: true, fileName: true, contentType: true, storageKey: true },
  });
  if (!evidence || evidence.kind !== "FILE" || !evidence.storageKey) throw notFound("evidence");
  const root = uploadDir();
  const file = path.resolve(root, evidence.storageKey);
  if (!file.startsWith(root + path.sep)) throw notFound("evidence");
  return {
    fileName: evidence.fileName ?? "evidence",
    contentType: evidence.contentType ?? "application/octet-stream",
    bytes: await readFile(file),
  };
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
