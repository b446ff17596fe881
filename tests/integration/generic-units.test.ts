/**
 * Placeholders are not departments, in the database: after importing every seed document, each department
 * is flagged generic exactly when the importer's rule (isGenericUnit) says so, PostgreSQL's evaluation of
 * the data migration's pattern agrees with it on every name, and a database whose placeholders were
 * stored as departments is corrected by the migration and by the next import.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isGenericUnit } from "../../lib/ingest/departments";
import { importDocuments } from "../../seed/import";
import { setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase({ documents: "all" });

const migrationDir = path.join(process.cwd(), "prisma/migrations");
const migrationSql = () => {
  const folder = readdirSync(migrationDir).find((name) => name.endsWith("_generic_placeholder_departments"))!;
  return readFileSync(path.join(migrationDir, folder, "migration.sql"), "utf8");
};
const pattern = () => /"name" ~ '((?:[^']|'')*)'/.exec(migrationSql())![1]!.replaceAll("''", "'");

/** Names beyond the seed's: the development corpus's placeholders and bodies that look like groups. */
const MORE_NAMES = [
  "县市区人民政府",
  "各县（市、区）人民政府",
  "市直相关部门",
  "市级各有关部门",
  "自治区各有关部门",
  "领导小组成员单位",
  "运营商",
  "省直机关工委",
  "市直机关工委",
  "市人民政府",
  "开发区管委",
  "省政府办公厅",
];

let departments: { name: string; generic: boolean }[];
beforeAll(async () => {
  departments = await db.prisma.department.findMany({
    select: { name: true, generic: true },
    orderBy: { name: "asc" },
  });
});

describe("generic departments after an import", () => {
  it("every seeded department is generic exactly when the rule says so (有关部门 and 各级各部门单位 are)", () => {
    expect(departments.length).toBeGreaterThan(50);
    expect(departments.filter((d) => d.generic !== isGenericUnit(d.name))).toEqual([]);
    const generic = departments.filter((d) => d.generic).map((d) => d.name);
    expect(generic).toEqual(expect.arrayContaining(["有关部门", "各级各部门单位", "省政府有关部门", "省政府各部门"]));
    expect(generic).not.toContain("省大数据局");
  });

  it("PostgreSQL's evaluation of the migration's pattern agrees with the rule on every name", async () => {
    const names = [...departments.map((d) => d.name), ...MORE_NAMES];
    const rows = await db.prisma.$queryRaw<{ name: string; matches: boolean }[]>`
      SELECT n AS name, n ~ ${pattern()} AS matches FROM unnest(${names}::text[]) AS n`;
    expect(rows).toHaveLength(names.length);
    expect(rows.filter((r) => r.matches !== isGenericUnit(r.name))).toEqual([]);
    expect(rows.filter((r) => r.matches).length).toBeGreaterThanOrEqual(6);
  });

  it("a database that stored placeholders as departments is corrected by the migration and by re-importing", async () => {
    const placeholders = ["有关部门", "各级各部门单位", "省直有关部门"];
    const unflag = () =>
      db.prisma.department.updateMany({
        where: { name: { in: placeholders } },
        data: { generic: false, kind: "PROVINCIAL" },
      });
    const flagged = async () =>
      (
        await db.prisma.department.findMany({
          where: { name: { in: [...placeholders, "省大数据局"] } },
          select: { name: true, generic: true, kind: true },
          orderBy: { name: "asc" },
        })
      ).map((d) => `${d.name}:${d.generic}:${d.kind}`);
    const expected = [
      "各级各部门单位:true:GENERIC",
      "有关部门:true:GENERIC",
      "省大数据局:false:PROVINCIAL",
      "省直有关部门:true:GENERIC",
    ];

    await unflag();
    await db.prisma.$executeRawUnsafe(migrationSql());
    expect(await flagged()).toEqual(expected);

    await unflag();
    await importDocuments(db.prisma, { only: ["work-points-2023"] });
    expect(await flagged()).toEqual(expected);
  });
});
