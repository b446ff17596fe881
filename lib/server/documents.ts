import "server-only";
import type { DocumentKind } from "../generated/prisma/enums";
import { getDb } from "./db";

export interface DocumentSummary {
  slug: string;
  title: string;
  shortTitle: string;
  kind: DocumentKind;
  issuer: string | null;
  docNumber: string | null;
  issuedDate: string | null;
  taskCount: number;
}

export async function listDocuments(): Promise<DocumentSummary[]> {
  const rows = await getDb().document.findMany({
    orderBy: [{ periodStart: "asc" }, { slug: "asc" }],
    select: {
      slug: true,
      title: true,
      shortTitle: true,
      kind: true,
      issuer: true,
      docNumber: true,
      issuedDate: true,
      _count: { select: { tasks: { where: { retiredAt: null } } } },
    },
  });
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    shortTitle: row.shortTitle,
    kind: row.kind,
    issuer: row.issuer,
    docNumber: row.docNumber,
    issuedDate: row.issuedDate ? row.issuedDate.toISOString().slice(0, 10) : null,
    taskCount: row._count.tasks,
  }));
}
