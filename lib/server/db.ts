import "server-only";
import { createPrismaClient, type Db } from "../db/client";
import { getEnv } from "../env";

// One client per process; in development, hot reloads re-evaluate modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { dptPrisma?: Db };

export function getDb(): Db {
  if (!globalForDb.dptPrisma) {
    const env = getEnv();
    if (!env.DATABASE_URL) {
      throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides the embedded database.");
    }
    globalForDb.dptPrisma = createPrismaClient(env.DATABASE_URL, { poolSize: env.DATABASE_POOL_SIZE });
  }
  return globalForDb.dptPrisma;
}
