/**
 * The pipeline reads another jurisdiction's documents from data alone: a made-up province 某省 with its
 * own departments, synonyms, repairs, prefix and document-number abbreviation, and no code change.
 */
import { describe, expect, it } from "vitest";
import {
  canonicalDepartmentName,
  extractDocument,
  IngestProfileSchema,
  type Extraction,
  type IngestProfile,
} from "@/lib/ingest";
import { DEFAULT_PROFILE } from "../../../seed/profile";

const mouProfile: IngestProfile = {
  departments: [
    { name: "省数据局", aliases: ["省数据管理局"] },
    { name: "省算力厅" },
    { name: "省通管局", aliases: ["省通信管理局"] },
    { name: "省财政厅" },
    { name: "省审计署" },
    { name: "某城市政府", aliases: ["某城市人民政府"] },
    { name: "某某城市政府" },
  ],
  synonyms: [
    {
      key: "mou-racks",
      name: "数据中心标准机架",
      unit: "个",
      area: "数字基础设施",
      direction: "HIGHER_IS_BETTER",
      synonyms: ["数据中心标准机架"],
    },
  ],
  repairs: [{ garbled: "电子证?ㄗ", repaired: "电子证照", evidence: "made up for this test" }],
  provincePrefixes: ["某省"],
  provinceShortNames: ["某"],
  docNumberAbbreviations: ["某"],
  places: ["某某城"],
};

const document = [
  "某省人民政府办公厅关于印发某省数字政府建设2025年工作要点的通知",
  "某政办发〔2025〕3号",
  "各市人民政府，省政府各部门：",
  "现将《某省数字政府建设2025年工作要点》印发给你们，请认真贯彻落实。",
  "某省人民政府办公厅",
  "2025年3月1日",
  "某省数字政府建设2025年工作要点",
  "一、夯实数字基础",
  "1.建设一体化算力网络。年底前某省新建数据中心标准机架2万个。（牵头单位：某省数据局，责任单位：省算力厅、某省通信管理局，配合单位：各市政府）",
  "2.推进政务数据共享。（省数据局牵头，省财政厅、省审计署配合）",
  "二、提升服务效能",
  "3.推广电子证?ㄗ应用。（某省数据管理局、省审计署）",
  "4.建设城市大脑。（责任单位：某城、某某城市政府）",
].join("\n");

const extract = (profile: IngestProfile): Extraction =>
  extractDocument([{ file: "mou-2025.txt", text: document }], { profile });

describe("an ingest profile of another province", () => {
  it("reads the units, metrics, repairs and document number of 某省 from its profile alone", () => {
    const extraction = extract(mouProfile);
    const byNumber = new Map(extraction.tasks.map((task) => [task.number, task]));

    expect(byNumber.get("1")).toMatchObject({
      leadUnits: ["省数据局"],
      responsibleUnits: ["省算力厅", "省通管局"],
      cooperatingUnits: ["各市政府"],
    });
    expect(byNumber.get("2")).toMatchObject({
      leadUnits: ["省数据局"],
      cooperatingUnits: ["省财政厅", "省审计署"],
    });
    // An unlabelled closing list, recognised through the registry (an alias behind the 某省 prefix).
    expect(byNumber.get("3")?.responsibleUnits).toEqual(["省数据局", "省审计署"]);
    expect(byNumber.get("3")?.text).toContain("推广电子证照应用");
    // 某城 shares the suffix of 某某城市政府: the three-character place comes from the profile.
    expect(byNumber.get("4")?.responsibleUnits).toEqual(["某城市政府", "某某城市政府"]);

    expect(extraction.warnings.filter((warning) => warning.code === "UNKNOWN_UNIT")).toEqual([]);
    expect(extraction.warnings.map((warning) => warning.code)).toContain("GARBLE_REPAIRED");

    expect(extraction.document).toMatchObject({
      docNumber: "某政办发〔2025〕3号",
      issuer: "某省人民政府办公厅",
      planYear: 2025,
    });
    expect(extraction.indicators).toEqual([
      expect.objectContaining({ metricKey: "mou-racks", target: 20000, due: "2025-12-31", taskNumber: "1" }),
    ]);
  });

  it("knows none of this with Shandong's profile: the data, not the code, carries the province", () => {
    const extraction = extract(DEFAULT_PROFILE);
    const task = extraction.tasks.find((candidate) => candidate.number === "1");
    expect(task?.leadUnits).toEqual(["某省数据局"]);
    expect(task?.units.find((unit) => unit.role === "LEAD")?.known).toBe(false);
    expect(extraction.document.docNumber).toBeNull();
    expect(extraction.indicators.map((indicator) => indicator.metricKey)).not.toContain("mou-racks");
    expect(extraction.warnings.map((warning) => warning.code)).not.toContain("GARBLE_REPAIRED");

    expect(canonicalDepartmentName("某省数据局", mouProfile)).toEqual({ name: "省数据局", known: true });
    expect(canonicalDepartmentName("山东省大数据局", mouProfile)).toEqual({ name: "山东省大数据局", known: false });
  });

  it("folds a prefix to its own level word (自治区, 市)", () => {
    const profile = {
      ...mouProfile,
      departments: [{ name: "自治区政务服务局" }, { name: "市大数据局" }],
      provincePrefixes: ["某蒙古自治区", "某城市"],
    };
    expect(canonicalDepartmentName("某蒙古自治区政务服务局", profile)).toEqual({
      name: "自治区政务服务局",
      known: true,
    });
    expect(canonicalDepartmentName("某城市大数据局", profile)).toEqual({ name: "市大数据局", known: true });
  });

  it("accepts the seed profile as data and refuses a profile with a missing part", () => {
    expect(IngestProfileSchema.parse(JSON.parse(JSON.stringify(DEFAULT_PROFILE)))).toEqual(DEFAULT_PROFILE);
    const { departments: _omitted, ...incomplete } = mouProfile;
    expect(IngestProfileSchema.safeParse(incomplete).success).toBe(false);
  });
});
