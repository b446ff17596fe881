import "server-only";
import { getDb } from "./db";

export interface IndicatorListItem {
  id: number;
  key: string;
  name: string;
  unit: string;
  area: string;
  targetCount: number;
  baselineCount: number;
}

export async function listIndicators(): Promise<IndicatorListItem[]> {
  const rows = await getDb().indicator.findMany({
    where: { mergedIntoId: null },
    orderBy: [{ area: "asc" }, { name: "asc" }],
    select: {
      id: true,
      key: true,
      name: true,
      unit: true,
      area: true,
      _count: { select: { targets: true, baselines: true } },
    },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, targetCount: _count.targets, baselineCount: _count.baselines }));
}
