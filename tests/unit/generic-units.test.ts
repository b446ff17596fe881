/**
 * Placeholders are not departments: every group name the documents put where a unit belongs (有关部门,
 * 各级各部门单位, 各市政府 …) is flagged generic, and no real body is. The lists are the names seen in the
 * seed documents (../shared/seeds, seed/documents) and the development corpus (../shared/corpus/dev); the
 * SQL pattern of the data migration that corrects existing databases is the same rule (its agreement
 * with PostgreSQL's own evaluation is checked in tests/integration/generic-units.test.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GENERIC_UNIT_PATTERN, isGenericUnit } from "../../lib/ingest/departments";
import { SHANDONG_PROFILE } from "../../seed/profile";

/** Group names from the documents: none names one accountable body. */
const PLACEHOLDERS = [
  // Shandong seed documents
  "有关部门",
  "各级各部门单位",
  "各有关监管部门",
  "省政府各部门",
  "省政府有关部门",
  "省直有关部门",
  "省直各部门单位",
  "省委各部门",
  "各部门单位",
  "各级各有关部门单位",
  "各直属机构",
  "各市人民政府",
  "各市政府",
  "各级政府",
  "各级政务服务实施机构",
  // development corpus (other provinces, cities and counties)
  "县市区人民政府",
  "各乡镇（街道）",
  "各区市政府",
  "各县（市、区）人民政府",
  "各县（市、区）政府",
  "各县市区政府",
  "各市州人民政府",
  "各盟行政公署",
  "市直有关单位",
  "市直有关部门",
  "市直相关部门",
  "市级各有关部门",
  "有关单位",
  "有关市政府",
  "省直各部门",
  "自治区各有关部门",
  "运营商",
  // the same kinds of group, as other documents word them
  "各成员单位",
  "领导小组成员单位",
  "省直部门",
  "市直各部门",
  "县直有关单位",
  "市县政府",
  "区县人民政府",
  "县（市、区）人民政府",
  "基础电信企业",
  "各基础电信企业",
  "三大运营商",
  "相关企业",
  "其他有关单位",
];

/** Real bodies, some of which look like groups at first sight. */
const DEPARTMENTS = [
  "省大数据局",
  "省委省直机关工委",
  "省直机关工委",
  "市直机关工委",
  "省政府办公厅",
  "省委办公厅",
  "市政府办公室",
  "市人民政府",
  "济南市政府",
  "青岛市政府",
  "定州市人民政府",
  "省委网信办",
  "省通信管理局",
  "市通信管理局",
  "人民银行济南分行",
  "山东银保监局",
  "省委党校（山东行政学院）",
  "市政务数据共享协调机制",
  "市行政审批制度改革工作领导小组办公室",
  "开发区管委",
  "数字福州集团",
  "省楚天云公司",
  "省公共资源交易中心",
  "省政务服务数据管理局",
  "自治区政务服务局",
  "省消防救援总队",
];

describe("isGenericUnit", () => {
  it.each(PLACEHOLDERS)("%s is a placeholder (generic)", (name) => {
    expect(isGenericUnit(name)).toBe(true);
  });

  it.each(DEPARTMENTS)("%s is a department (not generic)", (name) => {
    expect(isGenericUnit(name)).toBe(false);
  });

  it("no body in the Shandong registry is generic", () => {
    const flagged = SHANDONG_PROFILE.departments.map((d) => d.name).filter(isGenericUnit);
    expect(flagged).toEqual([]);
  });
});

describe("the data migration that flags existing databases", () => {
  it("uses the same pattern as the importer's rule", () => {
    const dir = path.join(process.cwd(), "prisma/migrations");
    const folder = readdirSync(dir).find((name) => name.endsWith("_generic_placeholder_departments"));
    expect(folder).toBeDefined();
    const sql = readFileSync(path.join(dir, folder!, "migration.sql"), "utf8");
    const literal = /"name" ~ '((?:[^']|'')*)'/.exec(sql)?.[1]?.replaceAll("''", "'");
    expect(literal).toBe(GENERIC_UNIT_PATTERN);
  });
});
