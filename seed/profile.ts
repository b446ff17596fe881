/**
 * The ingest profile of the seed documents (山东省): the data lib/ingest needs to read one jurisdiction's
 * documents, passed to extractDocument by every caller (importer, scripts, tests). Another province's
 * documents need another profile of the same shape (IngestProfileSchema; the README's "Documents and the
 * importer" section says what to supply), not a code change.
 */
import {
  IngestProfileSchema,
  type DepartmentEntry,
  type GarbleRepair,
  type IndicatorSynonym,
  type IngestProfile,
} from "../lib/ingest";
import synonymsJson from "./indicator-synonyms.json";

/**
 * Curated registry of departments (省直部门 and a few others) that appear in unit lists. Extend it when a
 * new document names a department it does not know: unknown names are still imported as written, and
 * reported as warnings.
 */
const DEPARTMENTS: DepartmentEntry[] = [
  { name: "省委办公厅" },
  { name: "省委组织部" },
  { name: "省委宣传部" },
  { name: "省委统战部" },
  { name: "省委政法委" },
  { name: "省委网信办", aliases: ["省网信办", "省委网络安全和信息化委员会办公室"] },
  { name: "省委国安办" },
  { name: "省委省直机关工委", aliases: ["省直机关工委"] },
  { name: "省委党校（山东行政学院）", aliases: ["省委党校", "山东行政学院"] },
  { name: "省纪委监委机关", aliases: ["省纪委监委"] },
  { name: "省人大常委会办公厅" },
  { name: "省政府办公厅", aliases: ["省人民政府办公厅"] },
  { name: "省政协办公厅" },
  { name: "省法院", aliases: ["省高级人民法院"] },
  { name: "省检察院", aliases: ["省人民检察院"] },
  { name: "省总工会" },
  { name: "团省委", aliases: ["共青团山东省委"] },
  { name: "省妇联" },
  { name: "省工商联" },
  { name: "省大数据局" },
  { name: "省发展改革委", aliases: ["省发改委", "省发展和改革委员会"] },
  { name: "省教育厅" },
  { name: "省科技厅", aliases: ["省科学技术厅"] },
  { name: "省工业和信息化厅", aliases: ["省工信厅"] },
  { name: "省公安厅" },
  { name: "省民政厅" },
  { name: "省司法厅" },
  { name: "省财政厅" },
  { name: "省人力资源社会保障厅", aliases: ["省人社厅", "省人力资源和社会保障厅"] },
  { name: "省自然资源厅" },
  { name: "省生态环境厅" },
  { name: "省住房城乡建设厅", aliases: ["省住建厅", "省住房和城乡建设厅"] },
  { name: "省交通运输厅", aliases: ["省交通厅"] },
  { name: "省水利厅" },
  { name: "省农业农村厅" },
  { name: "省商务厅" },
  { name: "省文化和旅游厅", aliases: ["省文旅厅"] },
  { name: "省卫生健康委", aliases: ["省卫健委", "省卫生健康委员会"] },
  { name: "省应急厅", aliases: ["省应急管理厅"] },
  { name: "省审计厅" },
  { name: "省国资委" },
  { name: "省市场监管局", aliases: ["省市场监督管理局"] },
  { name: "省体育局" },
  { name: "省统计局" },
  { name: "省医保局", aliases: ["省医疗保障局"] },
  { name: "省信访局" },
  { name: "省地方金融监管局", aliases: ["省地方金融监督管理局"] },
  { name: "省能源局" },
  { name: "省畜牧局", aliases: ["省畜牧兽医局"] },
  { name: "省药监局", aliases: ["省药品监督管理局"] },
  { name: "省海洋局" },
  { name: "省机关事务局", aliases: ["省机关事务管理局"] },
  { name: "省档案馆" },
  { name: "省密码局" },
  { name: "省公共资源交易中心" },
  { name: "省税务局", aliases: ["国家税务总局山东省税务局"] },
  { name: "省通信管理局" },
  { name: "省消防救援总队" },
  { name: "人民银行济南分行" },
  { name: "山东银保监局" },
  { name: "山东证监局" },
  { name: "济南市政府", aliases: ["济南市人民政府"] },
  { name: "青岛市政府", aliases: ["青岛市人民政府"] },
  { name: "烟台市政府", aliases: ["烟台市人民政府"] },
];

/**
 * Mis-decoded spans of the seed files and their repairs (see lib/ingest/repairs.ts): for 004 by
 * comparison with the intact 000 copy, for 001 from the shifted GBK bytes and the sentence context.
 */
const REPAIRS: GarbleRepair[] = [
  { garbled: "社??ㄉ觐I", repaired: "社保卡申領", evidence: "2022 work points task 11; 000 reads 社保卡申领" },
  { garbled: "醫?!本C合", repaired: "醫保”綜合", evidence: "2022 work points task 11; 000 reads 医保”综合" },
  {
    garbled: "社?;\ue2ae鸢踩\ue060\ue0e7峁┍憬莞咝У姆\ue848阵w驗",
    repaired: "社保基金安全,提供便捷高效的服務體驗",
    evidence: "2023 work points task 21; shifted GBK bytes of 基金安全，提供便捷高效的服",
  },
  {
    garbled: "?;\ue1d6⒓\ue1f1s化",
    repaired: "模化、集約化",
    evidence: "2023 work points task 31 (規模化、集約化、綠色化)",
  },
];

/** Places longer than two characters (or outside Shandong) that share a suffix in unit lists. */
const PLACES = [
  "济南",
  "青岛",
  "淄博",
  "枣庄",
  "东营",
  "烟台",
  "潍坊",
  "济宁",
  "泰安",
  "威海",
  "日照",
  "临沂",
  "德州",
  "聊城",
  "滨州",
  "菏泽",
  "北京",
  "天津",
  "上海",
  "重庆",
  "广州",
  "深圳",
  "珠海",
  "石家庄",
  "哈尔滨",
  "乌鲁木齐",
  "呼和浩特",
];

/** Parsed once, so a malformed data file fails at load with the field that is wrong. */
export const SHANDONG_PROFILE: IngestProfile = IngestProfileSchema.parse({
  departments: DEPARTMENTS,
  synonyms: synonymsJson,
  repairs: REPAIRS,
  provincePrefixes: ["山东省"],
  provinceShortNames: ["山东"],
  docNumberAbbreviations: ["鲁"],
  places: PLACES,
} satisfies Record<keyof IngestProfile, unknown>);

/** The profile of the documents under seed/documents. */
export const DEFAULT_PROFILE = SHANDONG_PROFILE;

/** The registry with its aliases, for seeding the department table. */
export function listDepartmentEntries(): readonly { name: string; aliases: readonly string[] }[] {
  return DEFAULT_PROFILE.departments.map((entry) => ({ name: entry.name, aliases: entry.aliases ?? [] }));
}

export function listIndicatorSynonyms(): readonly IndicatorSynonym[] {
  return DEFAULT_PROFILE.synonyms;
}
