/**
 * npm run bench:extract [-- RUNS]
 * Extracts the seed documents (every file) RUNS times and prints the cold run, mean and p95 per full run.
 * Not a unit test: a measurement to run by hand (target: under 1 s for all files). `npm run bench`
 * measures the same and records it in BENCHMARKS.md.
 */
import { timeExtraction } from "./lib/extract-timing";

const timing = timeExtraction(Number(process.argv[2] ?? 20) || 20);
process.stdout.write(`first (cold) run: ${timing.coldMs.toFixed(1)} ms\n`);
process.stdout.write(
  `${timing.runs} runs of ${timing.files} files: mean ${timing.meanMs.toFixed(1)} ms, p95 ${timing.p95Ms.toFixed(1)} ms\n`,
);
