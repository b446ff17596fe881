/**
 * What the first start puts in a new database: the documents (imported from seed/documents) and the
 * reporting periods. In embedded (demo) mode it seeds an empty database on the first start; against
 * DATABASE_URL it seeds only when SEED_ON_START=always. Re-running is harmless (the import is idempotent).
 */
import { shanghaiDate, utcMidnight } from "../lib/domain/dates";
import { createPrismaClient, type Db } from "../lib/db/client";
import { periodsOfYears } from "../lib/domain/periods";
import { DEMO_PASSWORD } from "../lib/demo";
import { importDocuments } from "./import";
import { generateSampleData } from "./sample";
import { ensureDemoUsers } from "./users";

export interface SeedOptions {
  mode: "embedded" | "external";
  policy: "auto" | "always" | "never";
  /** Demo accounts: always with the embedded database; with DATABASE_URL only when asked. */
  demo: boolean;
  /**
   * Sample task reports and indicator values (seed/sample.ts): "fresh" = only when this start seeds a
   * new database (the embedded demo's default), "always" = add them if absent (SEED_SAMPLE_DATA=true),
   * "never" (the default against DATABASE_URL, or SEED_SAMPLE_DATA=false).
   */
  sample?: "fresh" | "always" | "never";
  log: (line: string) => void;
}

/** Six bimonthly periods for every year from the first document's start to next year. */
export async function ensureReportingPeriods(db: Db, fromYear: number, toYear: number): Promise<number> {
  const periods = periodsOfYears(fromYear, toYear);
  const created = await db.reportingPeriod.createMany({
    data: periods.map((p) => ({
      year: p.year,
      index: p.index,
      startDate: utcMidnight(p.start),
      endDate: utcMidnight(p.end),
    })),
    skipDuplicates: true,
  });
  return created.count;
}

/**
 * The start-up step behind "reading never writes" (lib/server/periods.ts): every start makes sure this
 * year's and next year's periods have their rows, whatever the seed policy, so the current period a
 * page or the API shows is a stored one. Idempotent; one connection (the embedded database serves one
 * statement at a time).
 */
export async function ensurePeriodsOnStart(databaseUrl: string, now = new Date()): Promise<number> {
  const year = Number(shanghaiDate(now).slice(0, 4));
  const db = createPrismaClient(databaseUrl, { poolSize: 1 });
  try {
    return await ensureReportingPeriods(db, year, year + 1);
  } finally {
    await db.$disconnect();
  }
}

export async function seedDatabase(db: Db, log: (line: string) => void, options: { demo: boolean }): Promise<void> {
  const results = await importDocuments(db, { log: (line) => log(`seed: ${line}`) });
  const firstYear = Math.min(
    ...(await db.document.findMany({ select: { periodStart: true } })).map((d) => d.periodStart.getUTCFullYear()),
  );
  const created = await ensureReportingPeriods(db, firstYear, new Date().getUTCFullYear() + 1);
  const imported = results.filter((r) => r.status !== "unchanged").length;
  log(`seed: ${imported} of ${results.length} documents written, ${created} reporting periods added`);
  if (options.demo) {
    const users = await ensureDemoUsers(db);
    log(`seed: demo accounts ready (${users} created; password ${DEMO_PASSWORD})`);
  }
}

export async function seedOnStart(databaseUrl: string, options: SeedOptions): Promise<void> {
  const sample = options.sample ?? "never";
  const seeding = options.policy === "always" || (options.policy === "auto" && options.mode === "embedded");
  if (!seeding && sample !== "always") return;
  // One connection: the embedded database serves one statement at a time (see scripts/start.ts).
  const db = createPrismaClient(databaseUrl, { poolSize: 1 });
  try {
    let seeded = false;
    if (seeding && options.policy === "auto" && (await db.document.count()) > 0) {
      options.log("seed: documents already present");
    } else if (seeding) {
      await seedDatabase(db, options.log, { demo: options.demo });
      seeded = true;
    }
    if (sample === "always" || (sample === "fresh" && seeded)) {
      if ((await db.document.count()) === 0) options.log("seed: sample data skipped, no documents imported");
      else await generateSampleData(db, { log: (line) => options.log(`seed: ${line}`) });
    }
  } finally {
    await db.$disconnect();
  }
}
