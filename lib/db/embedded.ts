/**
 * The embedded default database: PGlite (PostgreSQL compiled to WebAssembly) persisted in a directory,
 * served on loopback through pglite-socket so the app talks to it exactly as it talks to a real
 * PostgreSQL (pg + Prisma's adapter). Pure npm: no OS user, no server binaries, works as root.
 */
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
}

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port?: number;
  host?: string;
  maxConnections?: number;
}): Promise<EmbeddedDatabase> {
  // "memory://" is PGlite's in-memory database, not a directory.
  if (!options.dataDir.startsWith("memory://")) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: options.dataDir });
  const host = options.host ?? "127.0.0.1";
  const server = new PGLiteSocketServer({
    db,
    host,
    port: options.port ?? 0,
    // PGlite runs one query at a time; the socket server multiplexes connections onto it.
    maxConnections: options.maxConnections ?? 8,
  });
  await server.start();
  const address = server.getServerConn();
  const port = Number(address.split(":").pop());
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@${host}:${port}/postgres?sslmode=disable`,
    dataDir: options.dataDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}
