import { describe, expect, it } from "vitest";
import {
  canonicalDepartmentName,
  decodeDocument,
  expandSharedSuffixes,
  extractDocument,
  extractMilestones,
  findQuantities,
  findUnitLists,
  IngestError,
  isGenericUnit,
  matchMetric,
  normaliseText,
} from "@/lib/ingest";
import { DEFAULT_PROFILE as profile } from "../../../seed/profile";

const noRule = { firstListedLeads: false, profile };
const units = (text: string, firstListedLeads = false) =>
  findUnitLists(text, { firstListedLeads, profile }).flatMap((list) =>
    list.units.map((unit) => `${unit.role}:${unit.name}${unit.generic ? "*" : ""}`),
  );

describe("unit lists", () => {
  it("reads labelled lists with half- or full-width punctuation alike", () => {
    const full = units("推进建设。（牵头单位：省大数据局、省财政厅，责任单位：省政府有关部门）");
    const half = units(normaliseText("推進建設。(牽頭單位:省大數據局、省財政廳,責任單位:省政府有關部門)").text.text);
    expect(full).toEqual(["LEAD:省大数据局", "LEAD:省财政厅", "RESPONSIBLE:省政府有关部门*"]);
    expect(half).toEqual(full);
  });

  it("reads 配合单位 and 责任部门", () => {
    expect(units("推进建设。（责任部门：省教育厅；配合单位：省财政厅）")).toEqual([
      "RESPONSIBLE:省教育厅",
      "COOPERATING:省财政厅",
    ]);
  });

  it("reads X牵头，Y配合", () => {
    expect(units("推进建设。（省大数据局牵头，省财政厅、省教育厅配合）")).toEqual([
      "LEAD:省大数据局",
      "COOPERATING:省财政厅",
      "COOPERATING:省教育厅",
    ]);
  });

  it("lets the first listed unit lead only when the document says so", () => {
    expect(units("推进建设。（省大数据局、省财政厅）", true)).toEqual(["LEAD:省大数据局", "RESPONSIBLE:省财政厅"]);
    expect(units("推进建设。（省大数据局、省财政厅）", false)).toEqual([
      "RESPONSIBLE:省大数据局",
      "RESPONSIBLE:省财政厅",
    ]);
    const document = extractDocument(
      [{ file: "x.txt", text: "各单位：列第一位的为牵头单位。\n一、任务\n1.推进建设。（省大数据局、省财政厅）" }],
      { profile },
    );
    expect(document.document.firstListedLeads).toBe(true);
    expect(document.tasks[0]?.leadUnits).toEqual(["省大数据局"]);
  });

  it("expands shared suffixes", () => {
    expect(expandSharedSuffixes(["济南", "烟台市政府"], profile.places).map((item) => item.name)).toEqual([
      "济南市政府",
      "烟台市政府",
    ]);
    expect(
      expandSharedSuffixes(["广州", "深圳", "珠海出入境边防检查总站"], profile.places).map((item) => item.name),
    ).toEqual(["广州出入境边防检查总站", "深圳出入境边防检查总站", "珠海出入境边防检查总站"]);
    expect(units("推进。（责任单位：济南、烟台市政府，省政府有关部门）")).toEqual([
      "RESPONSIBLE:济南市政府",
      "RESPONSIBLE:烟台市政府",
      "RESPONSIBLE:省政府有关部门*",
    ]);
  });

  it("keeps generic pseudo-units, flagged, and drops 按职责分工负责", () => {
    expect(units("推进。（责任单位：省发展改革委、省统计局按职责分工负责）")).toEqual([
      "RESPONSIBLE:省发展改革委",
      "RESPONSIBLE:省统计局",
    ]);
    expect(units("推进。（责任单位：省民政厅等有关部门）")).toEqual(["RESPONSIBLE:省民政厅", "RESPONSIBLE:有关部门*"]);
    for (const name of [
      "省政府有关部门",
      "省政府各部门",
      "各有关监管部门",
      "各级各部门单位",
      "各市政府",
      "省直有关部门",
    ]) {
      expect(isGenericUnit(name), name).toBe(true);
    }
    expect(isGenericUnit("省大数据局")).toBe(false);
  });

  it("does not take ordinary parentheses for unit lists", () => {
    expect(findUnitLists("建设国家虚拟现实创新中心（青岛）。", noRule)).toEqual([]);
    expect(findUnitLists("推进“三个课堂”（专递课堂、名师课堂、名校网络课堂）建设。", noRule)).toEqual([]);
  });
});

describe("departments", () => {
  it("folds the province prefix, aliases and traditional forms", () => {
    expect(canonicalDepartmentName("山东省大数据局", profile)).toEqual({ name: "省大数据局", known: true });
    expect(canonicalDepartmentName("省发改委", profile)).toEqual({ name: "省发展改革委", known: true });
    expect(canonicalDepartmentName(normaliseText("省大數據局").text.text, profile)).toEqual({
      name: "省大数据局",
      known: true,
    });
    expect(canonicalDepartmentName("省未知局", profile)).toEqual({ name: "省未知局", known: false });
  });

  it("reports unknown units as warnings and keeps them as written", () => {
    const extraction = extractDocument([{ file: "x.txt", text: "一、任务\n1.推进建设。（牵头单位：省未知局）" }], {
      profile,
    });
    expect(extraction.tasks[0]?.leadUnits).toEqual(["省未知局"]);
    expect(
      extraction.warnings.some((warning) => warning.code === "UNKNOWN_UNIT" && warning.message.includes("省未知局")),
    ).toBe(true);
  });
});

describe("milestones", () => {
  const dues = (text: string, year: number | null = 2024) => extractMilestones(text, year).milestones.map((m) => m.due);

  it("resolves dates without a year against the plan year", () => {
    expect(dues("年底前完成建设。")).toEqual(["2024-12-31"]);
    expect(dues("年内建成平台。")).toEqual(["2024-12-31"]);
    expect(dues("6月底前上线。")).toEqual(["2024-06-30"]);
    expect(dues("2月底前上线。")).toEqual(["2024-02-29"]);
    expect(dues("上半年完成。")).toEqual(["2024-06-30"]);
  });

  it("reads explicit dates", () => {
    expect(dues("2023年6月底前完成。")).toEqual(["2023-06-30"]);
    expect(dues("到2025年，全面建成。")).toEqual(["2025-12-31"]);
    expect(dues("推进共享，2022年，全省达到98%。")).toEqual(["2022-12-31"]);
  });

  it("gives each milestone the clause it governs", () => {
    const { milestones } = extractMilestones("加强建设。2023年年底前，初步建成平台；2025年年底前，全面建成。", 2023);
    expect(milestones.map((m) => [m.due, m.text])).toEqual([
      ["2023-12-31", "2023年年底前，初步建成平台；"],
      ["2025-12-31", "2025年年底前，全面建成。"],
    ]);
  });

  it("ignores years that name an event or a document, and tasks without dates", () => {
    expect(dues("举办2023年全民数字素养与技能提升月活动。")).toEqual([]);
    expect(dues("落实《数字山东发展规划（2018-2022年）》。")).toEqual([]);
    expect(dues("持续推进建设。")).toEqual([]);
  });

  it("cannot date 年底前 without a plan year and says so", () => {
    const result = extractMilestones("年底前完成。", null);
    expect(result.milestones).toEqual([]);
    expect(result.unresolved.map((item) => item.expression)).toEqual(["年底前"]);
  });
});

describe("quantities", () => {
  const first = (text: string) => findQuantities(text)[0];

  it("reads comparators, magnitudes and aspirations", () => {
    expect(first("可网办率达到98%以上")).toMatchObject({ comparator: ">=", normalizedValue: 98, unit: "%" });
    expect(first("信息技术产业营收突破1.4万亿元")).toMatchObject({
      comparator: ">",
      normalizedValue: 1.4e12,
      unit: "元",
      magnitude: 1e12,
    });
    expect(first("新培育省级行业平台50家左右")).toMatchObject({ comparator: "~", normalizedValue: 50, unit: "家" });
    expect(first("全省累计建成不少于2000个智慧社区")).toMatchObject({
      comparator: ">=",
      cumulative: true,
      name: "智慧社区",
    });
    expect(first("比重力争超过10%")).toMatchObject({ comparator: ">", aspirational: true });
    expect(first("年内新建并开通5G基站6万个")).toMatchObject({
      comparator: "=",
      normalizedValue: 60000,
      cumulative: false,
      name: "5G基站",
    });
    expect(first("数据中心规模控制在100个以内")).toMatchObject({ comparator: "<=" });
    expect(first("能耗低于1.3")).toBeUndefined();
  });

  it("skips ranks, subsidies and qualifiers", () => {
    expect(findQuantities("使用频率最高的前100项电子证照")).toEqual([]);
    expect(findQuantities("给予最高500万元奖补")).toEqual([]);
  });
});

describe("indicator patterns of other provinces' documents", () => {
  const read = (text: string) =>
    findQuantities(text).map((q) => ({
      name: q.name,
      comparator: q.comparator,
      value: q.normalizedValue,
      unit: q.unit,
      quote: text.slice(q.quoteStart, q.quoteEnd),
    }));
  const one = (text: string) => {
    const found = findQuantities(text);
    expect(found, text).toHaveLength(1);
    return found[0];
  };

  it("names the object of a creating verb, before or after the figure", () => {
    expect(one("新建5G基站1万个")).toMatchObject({
      name: "5G基站",
      comparator: "=",
      normalizedValue: 10000,
      cumulative: false,
    });
    expect(one("建成3个国家级数据中心集群")).toMatchObject({ name: "国家级数据中心集群", normalizedValue: 3 });
    expect(one("打造10个以上数字经济园区")).toMatchObject({ name: "数字经济园区", comparator: ">=" });
    // The head noun after the last 的, unless the modifier holds a figure.
    expect(one("培育推广100个左右技术领先的鲁版软件名品")).toMatchObject({ name: "鲁版软件名品", comparator: "~" });
    expect(one("认定5家以上集聚程度较高、创新能力突出的省级软件名园")).toMatchObject({ name: "省级软件名园" });
    expect(one("滚动实施1万个左右投资500万元以上的技改项目")).toMatchObject({ name: "投资500万元以上的技改项目" });
  });

  it("reads approximations, floors, aspirations and ceilings (以上/以下/以内 include the figure)", () => {
    expect(one("新培育工业互联网平台50家左右")).toMatchObject({ comparator: "~", normalizedValue: 50, unit: "家" });
    expect(one("全省建设不少于200个智慧社区")).toMatchObject({ comparator: ">=", name: "智慧社区" });
    expect(one("每年至少打造30个应用场景")).toMatchObject({ comparator: ">=", cumulative: false });
    expect(one("数字经济核心产业增加值占GDP比重力争超过12%")).toMatchObject({
      name: "数字经济核心产业增加值占GDP比重",
      comparator: ">",
      aspirational: true,
    });
    expect(one("政务服务事项网上可办率达到95%以上")).toMatchObject({ comparator: ">=", normalizedValue: 95 });
    expect(one("网络安全事件发生率降低到1%以下")).toMatchObject({
      name: "网络安全事件发生率",
      comparator: "<=",
      normalizedValue: 1,
    });
    expect(one("软件业务收入突破1.2万亿元")).toMatchObject({
      comparator: ">",
      normalizedValue: 1.2e12,
      magnitude: 1e12,
      valueAsWritten: "突破1.2万亿元",
    });
  });

  it("tells cumulative stocks from flows in the period", () => {
    expect(one("累计建成5个千兆城市")).toMatchObject({ name: "千兆城市", cumulative: true });
    expect(one("累计建成千兆城市5个")).toMatchObject({ name: "千兆城市", cumulative: true });
    expect(one("年内新增数据中心标准机架2万个")).toMatchObject({ cumulative: false, normalizedValue: 20000 });
  });

  it("reads ranges as a floor with an upper bound", () => {
    expect(one("建设50—80个数字乡村试点县")).toMatchObject({
      name: "数字乡村试点县",
      comparator: ">=",
      normalizedValue: 50,
      upperValue: 80,
    });
    expect(one("培育20~30家数据交易机构")).toMatchObject({ normalizedValue: 20, upperValue: 30, unit: "家" });
    expect(one("新建5G基站1万个")?.upperValue).toBeNull();
  });

  it("captures every target of a multi-target sentence, each with its own minimal clause", () => {
    expect(read("打造5G全连接工厂20个以上，举办10场左右推介活动，推动500个以上项目落地。")).toEqual([
      { name: "5G全连接工厂", comparator: ">=", value: 20, unit: "个", quote: "打造5G全连接工厂20个以上" },
      { name: "推介活动", comparator: "~", value: 10, unit: "场", quote: "举办10场左右推介活动" },
      { name: "落地项目", comparator: ">=", value: 500, unit: "个", quote: "推动500个以上项目落地" },
    ]);
    expect(read("可网办率达到98%以上、可全程网办率达到85%以上").map((q) => q.quote)).toEqual([
      "可网办率达到98%以上",
      "可全程网办率达到85%以上",
    ]);
    // One figure, two metrics.
    expect(read("城市道路监控覆盖率及联网率均达到90%").map((q) => q.name)).toEqual([
      "城市道路监控覆盖率",
      "城市道路监控联网率",
    ]);
    // Coordinated shares share the predicate; a prefix floor distributes over 和.
    expect(read("推动80%以上的市和30%以上的县（市、区）达到四星级以上标准").map((q) => q.name)).toEqual([
      "达到四星级以上标准的市占比",
      "达到四星级以上标准的县（市、区）占比",
    ]);
    expect(read("创建不少于20个示范区和30个示范高校").map((q) => q.comparator)).toEqual([">=", ">="]);
  });

  it("names shares of a population and coverage rates", () => {
    expect(one("80%以上的乡镇具备千兆接入能力")).toMatchObject({
      name: "具备千兆接入能力的乡镇占比",
      comparator: ">=",
    });
    expect(one("县级以上城区及90%以上重点行政村功能性覆盖")).toMatchObject({ name: "重点行政村功能性覆盖率" });
    expect(one("推动110千伏变电站实现光纤100%覆盖")).toMatchObject({ name: "110千伏变电站光纤覆盖率" });
    expect(read("智慧安防小区覆盖率达到60%;2022年年底前实现全覆盖").map((q) => [q.name, q.value])).toEqual([
      ["智慧安防小区覆盖率", 60],
      ["智慧安防小区覆盖率", 100],
    ]);
  });

  it("reads ranks and their improvement", () => {
    expect(one("软件产业规模在全国排名第三")).toMatchObject({
      name: "软件产业规模全国排名",
      normalizedValue: 3,
      unit: "名",
    });
    expect(one("全国排名前移2位")).toMatchObject({ normalizedValue: 2, unit: "名" });
  });

  it("leaves out batches, appositive counts, per-place norms, qualifiers and scope counts", () => {
    expect(one("实现首批20个县级节点投入运行")).toMatchObject({ name: "投入运行的县级节点", normalizedValue: 20 });
    expect(findQuantities("济南、青岛、烟台3个试点城市建设取得成效")).toEqual([]);
    expect(findQuantities("每个县至少建成1个数字乡村服务中心")).toEqual([]);
    expect(findQuantities("推动形成一批年营收超过100亿元的龙头企业")).toEqual([]);
    expect(findQuantities("推动28个国家产业示范园区赋能改造").filter((q) => q.targetLike)).toEqual([]);
    expect(findQuantities("举办第二届峰会，2023年完成，每2个月通报一次，建设5G网络、10G PON")).toEqual([]);
  });

  it("links metrics through the synonym table, by unit kind and with ordered parts", () => {
    expect(matchMetric("累计开通5G基站", "个", profile).metricKey).toBe("5g-base-stations");
    expect(matchMetric("在用标准机架数全国排名前移", "名", profile).metricKey).not.toBe("data-center-standard-racks");
    expect(matchMetric("建成四星级以上新型智慧城市的县（市、区）占比", "%", profile).metricKey).toBe(
      "smart-city-4star-county-share",
    );
    expect(matchMetric("达到新型智慧城市建设指标四星级以上的设区的市占比", "%", profile).metricKey).toBe(
      "smart-city-4star-city-share",
    );
    expect(matchMetric("具备千兆接入能力的农村家庭占比", "%", profile).metricKey).toBe("rural-gigabit-households");
    expect(matchMetric("某某新指标", "个", profile)).toMatchObject({ metricKey: "name:某某新指标", listed: false });
  });

  it("dates targets and points quotes back at the raw text in a small document", () => {
    const raw =
      "数字强省建设2024年工作要点\n一、任务\n1.推进建设。年内新增5G基站2万个，2025年底前累计建成5G基站10万个以上。（牵头单位：省大数据局）\n";
    const indicators = extractDocument([{ file: "t.txt", text: raw }], { profile }).indicators;
    expect(
      indicators.map((i) => ({
        key: i.metricKey,
        due: i.due,
        cumulative: i.cumulative,
        span: raw.slice(i.source.start, i.source.end),
      })),
    ).toEqual([
      { key: "5g-base-stations", due: "2024-12-31", cumulative: false, span: "年内新增5G基站2万个" },
      { key: "5g-base-stations", due: "2025-12-31", cumulative: true, span: "2025年底前累计建成5G基站10万个以上" },
    ]);
  });
});

describe("normalisation", () => {
  it("removes pinyin glosses, toned or toneless, single or repeated, half- or full-width", () => {
    const text = normaliseText("印發(fā)通知，大小(xiǎo)不一，全省(sheng)(sheng)推進，產業（yè）發展").text.text;
    expect(text).toBe("印发通知，大小不一，全省推进，产业发展");
  });

  it("keeps ordinary parentheses", () => {
    const text = normaliseText("(一)建設(5G)網絡，軟件定義網絡(SDN)，(牽頭單位:省大數據局)，f(x)=1").text.text;
    expect(text).toBe("（一）建设（5G）网络，软件定义网络（SDN），（牵头单位：省大数据局），f(x)=1");
  });

  it("folds widths and removes PDF spaces and line breaks inside sentences", () => {
    const text = normaliseText(
      "增幅超过 11 %，２０２３ 年底前完成 OA 系统升级，建成“10G PON”端口；新建设认证智慧农业基地并持续推进全省数字化转型发展和智能化改造提升工作建设认\n\n证 100 个智慧农业基地。",
    ).text.text;
    expect(text).toBe(
      "增幅超过11%，2023年底前完成OA系统升级，建成“10G PON”端口；新建设认证智慧农业基地并持续推进全省数字化转型发展和智能化改造提升工作建设认证100个智慧农业基地。",
    );
  });

  it("maps every record back to the raw text", () => {
    const raw = "前言\n一、任務\n1.推進數據發(fā)展，2024年底前完成。(牽頭單位:省大數據局)\n";
    const extraction = extractDocument([{ file: "t.txt", text: raw }], { profile });
    const task = extraction.tasks[0];
    expect(task?.text).toBe("推进数据发展，2024年底前完成。");
    expect(raw.slice(task?.source.start, task?.source.end)).toBe(
      "1.推進數據發(fā)展，2024年底前完成。(牽頭單位:省大數據局)",
    );
    const milestone = task?.milestones[0];
    expect(milestone?.due).toBe("2024-12-31");
    expect(raw.slice(milestone?.source?.start, milestone?.source?.end)).toBe("2024年底前完成。");
    expect(raw.slice(task?.unitsSource?.start, task?.unitsSource?.end)).toBe("(牽頭單位:省大數據局)");
  });

  it("flags remaining suspicious spans without changing them", () => {
    const normalised = normaliseText("推进社?ㄅ建设");
    expect(normalised.text.text).toContain("?ㄅ");
    expect(normalised.notes.some((note) => note.code === "SUSPICIOUS_SPAN")).toBe(true);
  });
});

describe("decoding", () => {
  it("decodes UTF-8 and strips a BOM", () => {
    expect(decodeDocument(new Uint8Array([0xef, 0xbb, 0xbf, 0xe4, 0xb8, 0xad]))).toBe("中");
  });

  it("decodes GBK bytes that are not valid UTF-8", () => {
    expect(decodeDocument(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]))).toBe("中文");
  });

  it("rejects empty and binary input with a typed bilingual error", () => {
    expect(() => decodeDocument(new Uint8Array([]))).toThrow(IngestError);
    expect(() => decodeDocument(new TextEncoder().encode("  \n "))).toThrow(/文件为空.*empty/);
    expect(() => decodeDocument(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(/binary/);
    const controls = new Uint8Array(200).fill(0x41);
    controls.fill(0x01, 0, 20);
    try {
      decodeDocument(controls);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IngestError);
      expect((error as IngestError).code).toBe("BINARY_INPUT");
    }
  });
});

describe("document shapes", () => {
  it("returns an explicit empty result for a document without numbered tasks", () => {
    const extraction = extractDocument(
      [{ file: "n.txt", text: "关于加强数字化建设的通知\n各单位要高度重视，认真落实。" }],
      { profile },
    );
    expect(extraction.tasks).toEqual([]);
    expect(extraction.measures).toEqual([]);
    expect(extraction.warnings.map((warning) => warning.code)).toContain("NO_TASKS");
  });

  it("extracts a truncated document that starts in the middle of the task list", () => {
    const extraction = extractDocument(
      [{ file: "t.txt", text: "10.優化服務。推進建設。(牽頭單位:省教育廳)\n11.優化醫療。(牽頭單位:省衛生健康委)" }],
      { profile },
    );
    expect(extraction.tasks.map((task) => [task.number, task.leadUnits])).toEqual([
      ["10", ["省教育厅"]],
      ["11", ["省卫生健康委"]],
    ]);
  });

  it("reads 01/02 headings, inferred group sections and unnumbered measures", () => {
    const text =
      "01\n\n工作目标\n\n数字经济核心产业增加值占 GDP 比重达到 7%。\n\n02\n\n主要任务\n\n推进变革\n\n1. 增强效能。年内完成。\n\n03\n\n推进措施\n\n强化组织领导。统筹推进。\n\n加强宣传培训。举办活动。";
    const extraction = extractDocument([{ file: "w.txt", text }], { profile });
    expect(extraction.sections.map((section) => `${section.path}:${section.kind}`)).toEqual([
      "一:GOALS",
      "二:CHAPTER",
      "二/（一）:SECTION",
      "二/（一）/1:SUBSECTION",
      "三:MEASURES",
      "三/（一）:MEASURES",
      "三/（二）:MEASURES",
    ]);
    expect(extraction.measures.map((measure) => measure.title)).toEqual(["强化组织领导", "加强宣传培训"]);
    expect(extraction.indicators[0]).toMatchObject({
      metricKey: "digital-core-industry-gdp-share",
      target: 7,
      taskNumber: null,
    });
    // No plan year in the text and no manifest: 年内 cannot be dated.
    expect(extraction.warnings.map((warning) => warning.code)).toContain("MILESTONE_UNRESOLVED");
  });

  it("reads markdown headings that carry their section text, and boxed columns", () => {
    const text =
      '---\ntitle: "某省数字政府建设实施方案"\n---\n## 一、全面建设数字政府\n\n### （一）建设数字政府。加快建设。\n\n1.推进共享。（牵头单位：省大数据局）\n\n专栏1 重点工程\n\n平台建设。建设平台。\n\n数据治理。治理数据。';
    const extraction = extractDocument([{ file: "m.md", text }], { profile });
    expect(extraction.tasks.map((task) => [task.number, task.sectionPath, task.title])).toEqual([
      ["一.（一）.1", "一/（一）", "推进共享"],
      ["专栏1-1", "一/（一）/专栏1", "平台建设"],
      ["专栏1-2", "一/（一）/专栏1", "数据治理"],
    ]);
  });

  it("merges unit lists from a copy only where the texts agree", () => {
    const primary = { file: "p.txt", text: "一、任务\n1.建设平台。推进共享交换。\n2.完善制度。健全机制。" };
    const copy = {
      file: "c.txt",
      text: "1.建設平臺。推進共享交換。(牽頭單位:省大數據局)\n2.完全不同的内容。(牽頭單位:省財政廳)",
    };
    const extraction = extractDocument([primary, copy], { profile });
    expect(extraction.tasks.map((task) => [task.number, task.leadUnits, task.unitsSourceFile])).toEqual([
      ["1", ["省大数据局"], "c.txt"],
      ["2", [], null],
    ]);
    expect(extraction.warnings.map((warning) => warning.code)).toContain("MERGE_TEXT_MISMATCH");
  });
});
