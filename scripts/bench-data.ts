/**
 * npm run bench:data -- [--url postgresql://…/dpt_bench] [--reset] [--tasks 50000] [--departments 2000]
 *                       [--updates 1500000] [--indicators 5000] [--observations 500000] [--provinces 31]
 *
 * Generates the scale data set (scripts/lib/scale-data.ts) into a separate database: the seed documents,
 * demo accounts and reporting periods first, then the synthetic provinces. The target is --url, else
 * BENCH_DATABASE_URL, else the database `dpt_bench` on DATABASE_URL's server — never DATABASE_URL's own
 * database. The database is created when missing; one that already holds data is refused unless --reset
 * (drop and recreate it). Department editors sign in with their department's name and BENCH_PASSWORD
 * (default Bench@2026). Progress goes to stderr; the final counts to stdout as JSON.
 */
import { BENCH_PASSWORD, buildScaleDatabase, parseScaleArgs, prepareDatabase } from "./lib/scale-data";

const log = (line: string) => process.stderr.write(`[bench:data] ${line}\n`);

function targetUrl(argv: string[]): string {
  const index = argv.indexOf("--url");
  const given = index >= 0 ? argv[index + 1] : process.env.BENCH_DATABASE_URL;
  if (given) return given;
  if (!process.env.DATABASE_URL) {
    throw new Error(
      "no target database: pass --url postgresql://…/dpt_bench, or set BENCH_DATABASE_URL or DATABASE_URL " +
        "(the data then goes to the database dpt_bench on that server). `npm run bench` needs none of these.",
    );
  }
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = "/dpt_bench";
  return url.toString();
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const scale = parseScaleArgs(argv);
  const url = targetUrl(argv);
  log(`target: ${url.replace(/\/\/[^@/]*@/, "//***@")}; scale ${JSON.stringify(scale)}`);
  await prepareDatabase(url, argv.includes("--reset"));
  const counts = await buildScaleDatabase(url, scale, BENCH_PASSWORD, log);
  console.log(JSON.stringify(counts, null, 2));
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
