/**
 * tsx scripts/extract.ts [--profile PROFILE.json] FILE [FILE...]
 *
 * Extracts one document from one or more files (the first is the primary; further files are copies
 * that may carry unit lists) and prints the extraction as JSON on stdout. Notes go to stderr.
 * --profile reads another jurisdiction's documents: a JSON IngestProfile (departments, synonyms,
 * repairs, names; see the README); without it the seed documents' profile (seed/profile.ts) is used.
 * Exit codes: 0 success, 2 unreadable/empty/binary input or an invalid profile, 1 anything else.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  decodeDocument,
  extractDocument,
  IngestError,
  IngestProfileSchema,
  ManifestSchema,
  type IngestProfile,
  type ManifestEntry,
} from "../lib/ingest";
import { DEFAULT_PROFILE } from "../seed/profile";

const SEED_DOCUMENTS = resolve(dirname(fileURLToPath(import.meta.url)), "../seed/documents");

function readInput(path: string): { file: string; text: string } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IngestError("UNREADABLE_INPUT", `${path}: ${reason}`);
  }
  return { file: basename(path), text: decodeDocument(bytes, path) };
}

function readProfile(path: string): IngestProfile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IngestError("UNREADABLE_INPUT", `${path}: ${reason}`);
  }
  const parsed = IngestProfileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new IngestError("UNREADABLE_INPUT", `${path}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`);
  }
  return parsed.data;
}

/** The manifest entry whose source files include the primary file, if the file is a seed document. */
function findManifestEntry(paths: string[]): ManifestEntry | undefined {
  const primary = paths[0];
  if (!primary || resolve(dirname(primary)) !== SEED_DOCUMENTS) return undefined;
  try {
    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(resolve(SEED_DOCUMENTS, "manifest.json"), "utf8")));
    return manifest.find((entry) => entry.sourceFiles.some((source) => source.file === basename(primary)));
  } catch (error) {
    process.stderr.write(`manifest.json unreadable, continuing without it: ${String(error)}\n`);
    return undefined;
  }
}

function main(argv: string[]): number {
  const args = argv.filter((arg) => arg !== "--");
  const profileAt = args.indexOf("--profile");
  const profilePath = profileAt >= 0 ? args[profileAt + 1] : undefined;
  const paths = profileAt >= 0 ? args.filter((_, index) => index !== profileAt && index !== profileAt + 1) : args;
  if (paths.length === 0 || (profileAt >= 0 && !profilePath)) {
    process.stderr.write("用法 / usage: tsx scripts/extract.ts [--profile PROFILE.json] FILE [FILE...]\n");
    return 2;
  }
  try {
    const profile = profilePath ? readProfile(profilePath) : DEFAULT_PROFILE;
    const files = paths.map(readInput);
    // A manifest entry describes a seed document: only with the seed documents' own profile.
    const manifest = profilePath ? undefined : findManifestEntry(paths);
    if (manifest) process.stderr.write(`manifest: ${manifest.slug}\n`);
    const extraction = extractDocument(files, manifest ? { profile, manifest } : { profile });
    process.stderr.write(
      `tasks ${extraction.tasks.length}, measures ${extraction.measures.length}, indicators ${extraction.indicators.length}, baselines ${extraction.baselines.length}, warnings ${extraction.warnings.length}\n`,
    );
    process.stdout.write(`${JSON.stringify(extraction, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof IngestError) {
      process.stderr.write(`错误 / error: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `extraction failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
