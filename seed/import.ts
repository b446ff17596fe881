/**
 * Loads the manifest's documents into the database: read, decode and extract here, the writes in
 * lib/server/document-import.ts (so callers run with the react-server condition, as every script that
 * reaches lib/server does).
 *
 * - Everything is read, decoded and extracted before the first write: bad input fails early and
 *   writes nothing.
 * - One transaction per document: a document is imported whole or not at all.
 * - Stable keys (document slug + task number, + metric for targets) make re-imports update rows in
 *   place, so ids and URLs survive. A second run over unchanged input changes nothing (it is skipped on
 *   the source checksum and the extraction's fingerprint).
 * - A revised document updates text and offsets but never deletes user data: tasks, milestones, targets
 *   and baselines that disappear are marked retired (`retiredAt`), never deleted, and updates,
 *   observations, comments, evidence and milestone completions are not touched.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../lib/db/client";
import { decodeDocument, extractDocument, ManifestSchema, type ManifestEntry } from "../lib/ingest";
import {
  writeDocuments,
  type DocumentImportResult,
  type PreparedDocument,
  type PreparedFile,
} from "../lib/server/document-import";
import { DEFAULT_PROFILE } from "./profile";

export const DOCUMENTS_DIR = path.join(process.cwd(), "seed", "documents");

/** Bump when the mapping from extraction to rows changes, so unchanged documents are written again. */
const IMPORTER_VERSION = 4;

export type ImportErrorCode = "MANIFEST_INVALID" | "SOURCE_UNREADABLE" | "NO_TASKS";

export class ImportError extends Error {
  override name = "ImportError";
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

export function loadManifest(dir = DOCUMENTS_DIR): ManifestEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
  } catch (error) {
    throw new ImportError("MANIFEST_INVALID", `manifest.json cannot be read: ${(error as Error).message}`);
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ImportError(
      "MANIFEST_INVALID",
      `manifest.json is invalid at ${first?.path.join(".")}: ${first?.message}`,
    );
  }
  return parsed.data;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Reads, decodes and extracts one manifest document. Throws IngestError / ImportError; writes nothing. */
export function prepareDocument(entry: ManifestEntry, dir = DOCUMENTS_DIR): PreparedDocument {
  const files = entry.sourceFiles.map((source, ordinal): PreparedFile => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path.join(dir, source.file));
    } catch (error) {
      throw new ImportError("SOURCE_UNREADABLE", `${source.file}: ${(error as Error).message}`);
    }
    const rawText = decodeDocument(bytes, source.file);
    return {
      fileName: source.file,
      role: source.role === "primary" ? "PRIMARY" : "UNITS",
      ordinal,
      encoding: isUtf8(bytes) ? "utf-8" : "gb18030",
      byteSize: bytes.byteLength,
      sha256: sha256(bytes),
      rawText,
    };
  });
  const extraction = extractDocument(
    files.map((f) => ({ file: f.fileName, text: f.rawText })),
    { profile: DEFAULT_PROFILE, manifest: entry },
  );
  if (extraction.tasks.length + extraction.measures.length === 0) {
    throw new ImportError(
      "NO_TASKS",
      `${entry.slug}: no numbered tasks were found; refusing to import an empty document / 未识别出任何任务，拒绝导入`,
    );
  }
  return {
    entry,
    files,
    checksum: sha256(files.map((f) => f.sha256).join(":")),
    fingerprint: sha256(`${IMPORTER_VERSION}:${JSON.stringify(extraction)}`),
    extraction,
  };
}

export interface ImportOptions {
  dir?: string;
  /** Re-write documents even when their source and extraction are unchanged. */
  force?: boolean;
  /** Only these slugs. */
  only?: string[];
  log?: (line: string) => void;
}

export async function importDocuments(db: Db, options: ImportOptions = {}): Promise<DocumentImportResult[]> {
  const log = options.log ?? (() => undefined);
  const manifest = loadManifest(options.dir).filter((e) => !options.only || options.only.includes(e.slug));

  // Extract everything first: any unreadable document stops the import before a single write.
  const prepared: PreparedDocument[] = [];
  for (const [i, entry] of manifest.entries()) {
    const started = performance.now();
    prepared.push(prepareDocument(entry, options.dir));
    log(`[${i + 1}/${manifest.length}] extracted ${entry.slug} in ${Math.round(performance.now() - started)} ms`);
  }

  return writeDocuments(db, prepared, { force: options.force, log, profile: DEFAULT_PROFILE });
}
