import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decodeDocument, extractDocument, ManifestSchema, type Extraction, type ManifestEntry } from "@/lib/ingest";
import { DEFAULT_PROFILE } from "../../../seed/profile";

const documentsDir = fileURLToPath(new URL("../../../seed/documents/", import.meta.url));

export const manifest: ManifestEntry[] = ManifestSchema.parse(
  JSON.parse(readFileSync(`${documentsDir}manifest.json`, "utf8")),
);

export function rawText(file: string): string {
  return decodeDocument(readFileSync(`${documentsDir}${file}`), file);
}

const cache = new Map<string, Extraction>();

/** Extraction of a seed document by slug, from its files as listed in the manifest. */
export function extractSeed(slug: string): Extraction {
  const cached = cache.get(slug);
  if (cached) return cached;
  const entry = manifest.find((candidate) => candidate.slug === slug);
  if (!entry) throw new Error(`no manifest entry ${slug}`);
  const files = entry.sourceFiles.map((source) => ({ file: source.file, text: rawText(source.file) }));
  const extraction = extractDocument(files, { profile: DEFAULT_PROFILE, manifest: entry });
  cache.set(slug, extraction);
  return extraction;
}
