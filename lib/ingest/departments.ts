/**
 * Curated registry of departments (省直部门 and a few others) that appear in unit lists.
 *
 * Canonical names are the short forms the documents use (省大数据局). Aliases cover other spellings of
 * the same body; the 山东省 prefix and traditional characters need no alias (the prefix is folded
 * generically and the text is simplified before lookup). Extend this list when a new document names a
 * department it does not know: unknown names are still returned, as written, and reported as warnings.
 */
interface DepartmentEntry {
  name: string;
  aliases?: readonly string[];
}

const DEPARTMENTS: readonly DepartmentEntry[] = [
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

const BY_ALIAS: ReadonlyMap<string, string> = new Map(
  DEPARTMENTS.flatMap((entry) => [entry.name, ...(entry.aliases ?? [])].map((alias) => [alias, entry.name] as const)),
);

/** Pseudo-units that name a group rather than one accountable body. */
const GENERIC_UNIT =
  /^(各|有关|相关|其他|省直|省政府(各|有关|相关)|省级(各|有关|相关)|市县|各级)|(有关|相关|各)(部门|单位|机构)(单位)?$|^(各市|各县（市、区）|各区市)(人民)?政府$/;

export function isGenericUnit(name: string): boolean {
  return GENERIC_UNIT.test(name);
}

/** Canonical name and whether the registry knows it. The 山东省 prefix is folded to 省. */
export function canonicalDepartmentName(raw: string): { name: string; known: boolean } {
  const cleaned = raw.replace(/\s+/g, "").replace(/[()]/g, (ch) => (ch === "(" ? "（" : "）"));
  const direct = BY_ALIAS.get(cleaned);
  if (direct) return { name: direct, known: true };
  if (cleaned.startsWith("山东省")) {
    const short = BY_ALIAS.get(`省${cleaned.slice(3)}`);
    if (short) return { name: short, known: true };
  }
  return { name: cleaned, known: isGenericUnit(cleaned) };
}

export function listDepartments(): readonly string[] {
  return DEPARTMENTS.map((entry) => entry.name);
}

/** The registry with its aliases, for seeding the department table. */
export function listDepartmentEntries(): readonly { name: string; aliases: readonly string[] }[] {
  return DEPARTMENTS.map((entry) => ({ name: entry.name, aliases: entry.aliases ?? [] }));
}
