/** Builds a Prisma client for a connection URL (the pg driver adapter: no native query engine). */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export type Db = PrismaClient;

export function createPrismaClient(connectionString: string, options: { poolSize?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    // Fail fast rather than hang when the database is down; the health check reports it.
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}
