/**
 * tsx scripts/bench-extract.ts [RUNS]
 * Extracts the four seed documents (five files) RUNS times and prints mean and p95 per full run.
 * Not a unit test: a measurement to run by hand (target: under 1 s for all five files).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeDocument, extractDocument, ManifestSchema } from "../lib/ingest";

const dir = resolve(dirname(fileURLToPath(import.meta.url)), "../seed/documents");
const manifest = ManifestSchema.parse(JSON.parse(readFileSync(resolve(dir, "manifest.json"), "utf8")));
const documents = manifest.map((entry) => ({
  entry,
  files: entry.sourceFiles.map((source) => ({ file: source.file, bytes: readFileSync(resolve(dir, source.file)) })),
}));

function runOnce(): number {
  const started = performance.now();
  for (const { entry, files } of documents) {
    extractDocument(
      files.map(({ file, bytes }) => ({ file, text: decodeDocument(bytes, file) })),
      { manifest: entry },
    );
  }
  return performance.now() - started;
}

const runs = Math.max(1, Number(process.argv[2] ?? 20));
const first = runOnce();
const times = Array.from({ length: runs }, runOnce).sort((a, b) => a - b);
const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? mean;
process.stdout.write(`first (cold) run: ${first.toFixed(1)} ms\n`);
process.stdout.write(`${runs} runs of 5 files: mean ${mean.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms\n`);
