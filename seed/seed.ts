/**
 * What the first start puts in a new database. In embedded (demo) mode it seeds on the first start;
 * against DATABASE_URL it seeds only when SEED_ON_START=always.
 */
import pg from "pg";

export interface SeedOptions {
  mode: "embedded" | "external";
  policy: "auto" | "always" | "never";
  log: (line: string) => void;
}

export async function seedOnStart(databaseUrl: string, options: SeedOptions): Promise<void> {
  if (options.policy === "never") return;
  if (options.policy === "auto" && options.mode === "external") return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "document"`);
    if ((rows[0]?.n ?? 0) > 0 && options.policy === "auto") {
      options.log("seed: documents already present");
      return;
    }
  } finally {
    await client.end();
  }
  options.log("seed: no documents yet (the importer arrives with the ingestion work)");
}
