import "server-only";
import { getDb } from "./db";

export interface BulletinListItem {
  id: number;
  title: string;
  issueLabel: string;
  version: number;
  publishedAt: string | null;
}

export async function listPublishedBulletins(): Promise<BulletinListItem[]> {
  const rows = await getDb().bulletin.findMany({
    where: { state: { in: ["PUBLISHED", "SUPERSEDED"] } },
    orderBy: [{ period: { startDate: "desc" } }, { version: "desc" }],
    select: { id: true, title: true, issueLabel: true, version: true, publishedAt: true },
  });
  return rows.map((row) => ({ ...row, publishedAt: row.publishedAt?.toISOString() ?? null }));
}
