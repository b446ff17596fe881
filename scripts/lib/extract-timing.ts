/** Times the extraction of the seed documents (decode + extract every file), in process. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { decodeDocument, extractDocument, ManifestSchema } from "../../lib/ingest";
import { DEFAULT_PROFILE } from "../../seed/profile";
import { percentile } from "./stats";

export interface ExtractionTiming {
  files: number;
  coldMs: number;
  runs: number;
  meanMs: number;
  p95Ms: number;
}

export function timeExtraction(runs: number, dir = resolve(process.cwd(), "seed/documents")): ExtractionTiming {
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(resolve(dir, "manifest.json"), "utf8")));
  const documents = manifest.map((entry) => ({
    entry,
    files: entry.sourceFiles.map((source) => ({ file: source.file, bytes: readFileSync(resolve(dir, source.file)) })),
  }));
  const runOnce = () => {
    const started = performance.now();
    for (const { entry, files } of documents) {
      extractDocument(
        files.map(({ file, bytes }) => ({ file, text: decodeDocument(bytes, file) })),
        { profile: DEFAULT_PROFILE, manifest: entry },
      );
    }
    return performance.now() - started;
  };
  const coldMs = runOnce();
  const times = Array.from({ length: Math.max(1, runs) }, runOnce);
  return {
    files: documents.reduce((n, d) => n + d.files.length, 0),
    coldMs,
    runs: times.length,
    meanMs: times.reduce((sum, t) => sum + t, 0) / times.length,
    p95Ms: percentile(times, 95),
  };
}
