/**
 * The task list's data access against a real PostgreSQL: every filter alone and combined, search escaping,
 * pagination boundaries, every sort, invalid URL state, retired tasks; and the departments' counts.
 *
 * The data is a small hand-made set whose every count is known (below); "today" is 2026-11-23 (Shanghai).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db/client";
import { compareAreas } from "../../lib/domain/areas";
import {
  DEFAULT_STATE,
  parseTaskListState,
  TASK_SORTS,
  type TaskListState,
  type TaskStatusValue,
} from "../../lib/domain/task-filters";
import { STATE_SEVERITY, TASK_STATES } from "../../lib/domain/task-state";
import { getDepartmentProfile, listDepartmentWorkload } from "../../lib/server/departments";
import { getTaskFilterOptions, overdueExists, searchTasks, taskOrder, taskWhere } from "../../lib/server/task-search";
import { taskStateSql } from "../../lib/server/task-state";
import { setUpIntegrationDatabase } from "../support/integration";

const TODAY = "2026-11-23";
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

interface Fixture {
  departments: { bigData: number; industry: number; generic: number; idle: number };
  tasks: Record<string, number>;
  /** Non-retired tasks. */
  total: number;
  fillers: number;
}

type Role = "LEAD" | "RESPONSIBLE" | "COOPERATING";
type Status = "NOT_STARTED" | "ON_TRACK" | "AT_RISK" | "LAGGING" | "COMPLETED" | "ONGOING";

interface TaskSpec {
  key: string;
  doc: "a" | "b";
  number: string;
  text: string;
  title?: string;
  section?: string;
  kind?: "TASK" | "MEASURE" | "COLUMN_ITEM";
  status?: Status;
  progress?: number;
  next?: string;
  updatedAt?: string;
  retired?: boolean;
  units?: [keyof Fixture["departments"], Role][];
  milestones?: { due: string; completed?: string; retired?: boolean }[];
}

const FILLERS = 50;

async function createTaskFixture(db: Db): Promise<Fixture> {
  const departments = {
    bigData: (
      await db.department.create({ data: { name: "省大数据局", aliases: { create: [{ alias: "山东省大数据局" }] } } })
    ).id,
    industry: (
      await db.department.create({ data: { name: "省工业和信息化厅", aliases: { create: [{ alias: "省工信厅" }] } } })
    ).id,
    generic: (await db.department.create({ data: { name: "省政府有关部门", kind: "GENERIC", generic: true } })).id,
    idle: (await db.department.create({ data: { name: "省体育局" } })).id,
  };

  const documents: Record<"a" | "b", { id: number; fileId: number; sections: Map<string, number> }> = {
    a: { id: 0, fileId: 0, sections: new Map() },
    b: { id: 0, fileId: 0, sections: new Map() },
  };
  for (const [letter, slug, title, order] of [
    ["a", "doc-a", "甲文件", 1],
    ["b", "doc-b", "乙文件", 2],
  ] as const) {
    const doc = await db.document.create({
      data: {
        slug,
        title,
        shortTitle: title,
        kind: "WORK_POINTS",
        periodStart: day("2026-01-01"),
        periodEnd: day("2026-12-31"),
        normalizedText: "",
        checksum: slug,
        extractorVersion: "test",
        sourceFiles: {
          create: {
            fileName: `${slug}.txt`,
            role: "PRIMARY",
            ordinal: order,
            encoding: "utf-8",
            byteSize: 1,
            sha256: slug,
            rawText: "",
          },
        },
      },
      select: { id: true, sourceFiles: { select: { id: true } } },
    });
    documents[letter].id = doc.id;
    documents[letter].fileId = doc.sourceFiles[0]!.id;
  }
  // Sections of doc-a: 一 with a subsection 一/（一）, and 二; "一_" tests that "_" in a path is literal.
  for (const [ordinal, path, title, kind] of [
    [1, "一", "一、数字基础设施", "CHAPTER"],
    [2, "一/（一）", "（一）网络", "SECTION"],
    [3, "二", "二、数字经济", "CHAPTER"],
    [4, "一_", "特殊路径", "OTHER"],
  ] as const) {
    const section = await db.section.create({
      data: { documentId: documents.a.id, path, title, kind, ordinal },
      select: { id: true },
    });
    documents.a.sections.set(path, section.id);
  }

  const specs: TaskSpec[] = [
    {
      key: "net",
      doc: "a",
      number: "1",
      title: "推进5G网络建设",
      text: "推进5G网络建设，建成基站10万个。",
      section: "一/（一）",
      status: "ON_TRACK",
      progress: 40,
      next: "2026-06-30",
      updatedAt: "2026-10-01T02:00:00Z",
      units: [
        ["bigData", "LEAD"],
        ["industry", "RESPONSIBLE"],
      ],
      milestones: [{ due: "2026-06-30" }, { due: "2027-06-30" }],
    },
    {
      key: "share",
      doc: "a",
      number: "2",
      text: "数据共享率达到100%，推进数据要素市场化配置改革；同步完善制度。",
      section: "一",
      status: "LAGGING",
      progress: 10,
      next: "2026-12-31",
      updatedAt: "2026-11-01T02:00:00Z",
      units: [
        ["industry", "LEAD"],
        ["bigData", "COOPERATING"],
      ],
      milestones: [{ due: "2026-12-31" }],
    },
    {
      key: "underscore",
      doc: "a",
      number: "10",
      text: "建立a_b标识解析体系，统一编码规则",
      section: "二",
      kind: "MEASURE",
      status: "AT_RISK",
      progress: 55,
      units: [["bigData", "LEAD"]],
      milestones: [
        { due: "2026-01-01", completed: "2025-12-20" },
        { due: "2025-01-01", retired: true },
      ],
    },
    {
      key: "backslash",
      doc: "a",
      number: "专栏1-1",
      text: '目录C:\\数据\\共享，"引号",逗号,换行\n第二行',
      section: "一_",
      kind: "COLUMN_ITEM",
      status: "COMPLETED",
      progress: 100,
      units: [["generic", "RESPONSIBLE"]],
    },
    {
      key: "retired",
      doc: "a",
      number: "99",
      text: "已撤销的智慧社区任务",
      status: "LAGGING",
      retired: true,
      units: [["bigData", "LEAD"]],
      milestones: [{ due: "2025-06-30" }],
    },
    {
      key: "community",
      doc: "b",
      number: "1",
      text: "建设智慧社区2000个。",
      next: "2026-11-22",
      units: [
        ["bigData", "LEAD"],
        ["industry", "RESPONSIBLE"],
      ],
      milestones: [{ due: "2026-11-22" }, { due: "2026-11-23" }],
    },
    {
      key: "today",
      doc: "b",
      number: "2",
      text: "今天到期的任务。",
      status: "ON_TRACK",
      next: "2026-11-23",
      milestones: [{ due: "2026-11-23" }],
    },
  ];
  for (let i = 0; i < FILLERS; i++) {
    specs.push({
      key: `filler${i}`,
      doc: "b",
      number: String(i + 3),
      text: `常态化工作第${i + 3}项。`,
      status: "ONGOING",
    });
  }

  const tasks: Record<string, number> = {};
  let ordinal = 0;
  for (const spec of specs) {
    const doc = documents[spec.doc];
    const task = await db.task.create({
      data: {
        key: `${spec.doc}#${spec.number}`,
        documentId: doc.id,
        sectionId: spec.section ? doc.sections.get(spec.section)! : null,
        number: spec.number,
        kind: spec.kind ?? "TASK",
        ordinal: ordinal++,
        title: spec.title ?? null,
        text: spec.text,
        sourceFileId: doc.fileId,
        startOffset: 0,
        endOffset: 1,
        currentStatus: spec.status ?? "NOT_STARTED",
        currentProgress: spec.progress ?? 0,
        // A status given in the spec is an approved report's (statusUpdatedAt set); none = never reported.
        statusUpdatedAt: spec.updatedAt
          ? new Date(spec.updatedAt)
          : spec.status
            ? new Date("2026-01-05T02:00:00Z")
            : null,
        nextDueDate: spec.next ? day(spec.next) : null,
        retiredAt: spec.retired ? new Date() : null,
        assignments: {
          create: (spec.units ?? []).map(([unit, role], index) => ({
            departmentId: departments[unit],
            role,
            ordinal: index,
            rawName: unit,
          })),
        },
        milestones: {
          create: (spec.milestones ?? []).map((m, index) => ({
            ordinal: index,
            dueDate: day(m.due),
            text: `节点${index + 1}`,
            completedDate: m.completed ? day(m.completed) : null,
            retiredAt: m.retired ? new Date() : null,
          })),
        },
      },
      select: { id: true },
    });
    tasks[spec.key] = task.id;
  }
  return { departments, tasks, total: specs.filter((s) => !s.retired).length, fillers: FILLERS };
}

// lib/server reaches the database through the process-wide client; point it at this file's database.
const db = setUpIntegrationDatabase({ singleton: "test" });
let fx: Fixture;

beforeAll(async () => {
  fx = await createTaskFixture(db.prisma);
});

const state = (change: Partial<TaskListState> = {}): TaskListState => ({ ...DEFAULT_STATE, pageSize: 100, ...change });

/** Ids of every matching task (one page of 100 is enough for the fixture). */
async function ids(change: Partial<TaskListState> = {}): Promise<number[]> {
  const result = await searchTasks(state(change), TODAY);
  return result.rows.map((r) => r.id);
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const idsOf = (...keys: string[]) => sorted(keys.map((k) => fx.tasks[k]!));

describe("searchTasks: filters", () => {
  it("lists every non-retired task by default, in document order", async () => {
    const result = await searchTasks(state(), TODAY);
    expect(result.total).toBe(fx.total);
    expect(result.rows).toHaveLength(fx.total);
    expect(result.rows.map((r) => r.id)).not.toContain(fx.tasks.retired);
    expect(result.rows.slice(0, 4).map((r) => r.id)).toEqual(
      ["net", "share", "underscore", "backslash"].map((k) => fx.tasks[k]),
    );
  });

  it("shows heading, lead units, status, next due date and the overdue flag", async () => {
    const { rows } = await searchTasks(state({ document: "doc-a" }), TODAY);
    const net = rows.find((r) => r.id === fx.tasks.net)!;
    expect(net).toMatchObject({
      number: "1",
      heading: "推进5G网络建设",
      document: { slug: "doc-a", shortTitle: "甲文件" },
      leadUnits: ["省大数据局"],
      status: "ON_TRACK",
      progress: 40,
      nextDueDate: "2026-06-30",
      overdue: true,
      kind: "TASK",
    });
    // No title: the first clause of the text stands in.
    const share = rows.find((r) => r.id === fx.tasks.share)!;
    expect(share.heading).toBe("数据共享率达到100%，推进数据要素市场化配置改革");
    expect(share.leadUnits).toEqual(["省工业和信息化厅"]);
    expect(share.overdue).toBe(false);
    expect(rows.find((r) => r.id === fx.tasks.backslash)!.leadUnits).toEqual([]);
  });

  it("filters by document and by section (subsections included, '_' literal)", async () => {
    expect(await ids({ document: "doc-a" })).toEqual(idsOf("net", "share", "underscore", "backslash"));
    expect(sorted(await ids({ document: "doc-a", section: "一" }))).toEqual(idsOf("net", "share"));
    expect(await ids({ document: "doc-a", section: "一/（一）" })).toEqual(idsOf("net"));
    expect(await ids({ document: "doc-a", section: "一_" })).toEqual(idsOf("backslash"));
    expect(await ids({ document: "doc-a", section: "不存在" })).toEqual([]);
    expect(await ids({ document: "no-such-doc" })).toEqual([]);
    // A section path names a section only within its document.
    expect(await ids({ document: "doc-b", section: "一" })).toEqual([]);
  });

  it("filters by department and role", async () => {
    const { bigData, industry, generic, idle } = fx.departments;
    expect(sorted(await ids({ departmentId: bigData }))).toEqual(idsOf("net", "share", "underscore", "community"));
    expect(sorted(await ids({ departmentId: bigData, role: "lead" }))).toEqual(idsOf("net", "underscore", "community"));
    expect(await ids({ departmentId: bigData, role: "responsible" })).toEqual([]);
    expect(await ids({ departmentId: bigData, role: "cooperating" })).toEqual(idsOf("share"));
    expect(await ids({ departmentId: bigData, role: "supporting" })).toEqual(idsOf("share"));
    expect(sorted(await ids({ departmentId: industry, role: "responsible" }))).toEqual(idsOf("net", "community"));
    expect(await ids({ departmentId: generic })).toEqual(idsOf("backslash"));
    expect(await ids({ departmentId: idle })).toEqual([]);
  });

  it("filters by task state: overdue unfinished is lagging, no unit is unassigned, no report is not reported", async () => {
    // share reports 滞后; underscore reports 存在风险 but its deadline (2026-01-01) has passed: 滞后 too.
    expect(sorted(await ids({ statuses: ["LAGGING"] }))).toEqual(idsOf("share", "underscore"));
    expect(await ids({ statuses: ["AT_RISK"] })).toEqual([]);
    expect(sorted(await ids({ statuses: ["LAGGING", "AT_RISK"] }))).toEqual(idsOf("share", "underscore"));
    // today has no unit; backslash only a generic responsible one but a 已完成 report (finished wins).
    expect(await ids({ statuses: ["UNASSIGNED"] })).toEqual(idsOf("today"));
    expect(await ids({ statuses: ["COMPLETED"] })).toEqual(idsOf("backslash"));
    // community has a lead unit and no report.
    expect(await ids({ statuses: ["NO_REPORT"] })).toEqual(idsOf("community"));
    expect(await ids({ statuses: ["ON_TRACK"] })).toEqual(idsOf("net"));
    expect((await searchTasks(state({ statuses: ["ONGOING"] }), TODAY)).total).toBe(fx.fillers);
    // The states partition the list.
    let sum = 0;
    for (const status of TASK_STATES) sum += (await searchTasks(state({ statuses: [status] }), TODAY)).total;
    expect(sum).toBe(fx.total);
    // Each row's status is the state the filter selects on.
    const { rows } = await searchTasks(state({ statuses: ["LAGGING"] }), TODAY);
    expect(rows.map((r) => r.status)).toEqual(["LAGGING", "LAGGING"]);
    const underscore = rows.find((r) => r.id === fx.tasks.underscore)!;
    expect(underscore).toMatchObject({ reportedStatus: "AT_RISK", pastDue: true, deadline: "2026-01-01" });
    expect(rows.find((r) => r.id === fx.tasks.share)).toMatchObject({ pastDue: false, deadline: "2026-12-31" });
  });

  it("flags overdue tasks by open, non-retired milestones before today", async () => {
    // net: 06-30 open; community: 11-22 open. Not: a completed or retired milestone, or one due today.
    expect(sorted(await ids({ overdue: true }))).toEqual(idsOf("net", "community"));
    const { rows } = await searchTasks(state({ document: "doc-b", pageSize: 20 }), TODAY);
    expect(rows.find((r) => r.id === fx.tasks.today)!.overdue).toBe(false);
    // The boundary moves with the date: on 2026-11-24 the task due today is overdue too.
    const tomorrow = await searchTasks(state({ overdue: true }), "2026-11-24");
    expect(tomorrow.rows.map((r) => r.id)).toContain(fx.tasks.today);
  });

  it("filters by the next due date window, bounds inclusive", async () => {
    expect(sorted(await ids({ dueFrom: "2026-11-22", dueTo: "2026-11-23" }))).toEqual(idsOf("community", "today"));
    expect(sorted(await ids({ dueFrom: "2026-11-23" }))).toEqual(idsOf("share", "today"));
    expect(await ids({ dueTo: "2026-06-30" })).toEqual(idsOf("net"));
  });

  it("filters by kind", async () => {
    expect(await ids({ kind: "MEASURE" })).toEqual(idsOf("underscore"));
    expect(await ids({ kind: "COLUMN_ITEM" })).toEqual(idsOf("backslash"));
    expect((await searchTasks(state({ kind: "TASK" }), TODAY)).total).toBe(fx.total - 2);
  });

  it("searches number, title and text; several terms must all match", async () => {
    expect(sorted(await ids({ query: "智慧社区" }))).toEqual(idsOf("community"));
    expect(await ids({ query: "5G" })).toEqual(idsOf("net"));
    expect(await ids({ query: "5g" })).toEqual(idsOf("net"));
    expect(await ids({ query: "专栏1-1" })).toEqual(idsOf("backslash"));
    expect(await ids({ query: "数据 市场化" })).toEqual(idsOf("share"));
    expect(await ids({ query: "数据 不存在的词" })).toEqual([]);
  });

  it("treats %, _ and \\ in the search text literally", async () => {
    expect(await ids({ query: "100%" })).toEqual(idsOf("share"));
    // Unescaped, "%" would match every task and "_" any single character.
    expect(await ids({ query: "%" })).toEqual(idsOf("share"));
    expect(await ids({ query: "a_b" })).toEqual(idsOf("underscore"));
    expect(await ids({ query: "_" })).toEqual(idsOf("underscore"));
    expect(await ids({ query: "a%b" })).toEqual([]);
    expect(await ids({ query: "C:\\数据" })).toEqual(idsOf("backslash"));
    expect(await ids({ query: "\\" })).toEqual(idsOf("backslash"));
    expect(await ids({ query: "'; DROP TABLE task; --" })).toEqual([]);
    expect(await db.prisma.task.count()).toBeGreaterThan(0);
  });

  it("combines filters", async () => {
    expect(await ids({ departmentId: fx.departments.bigData, role: "lead", overdue: true, document: "doc-b" })).toEqual(
      idsOf("community"),
    );
    expect(await ids({ departmentId: fx.departments.bigData, statuses: ["AT_RISK", "LAGGING"] })).toEqual(
      sorted(idsOf("share", "underscore")),
    );
    expect(await ids({ document: "doc-a", kind: "TASK", query: "数据", statuses: ["LAGGING"] })).toEqual(
      idsOf("share"),
    );
    expect(await ids({ document: "doc-a", overdue: true, dueFrom: "2026-07-01" })).toEqual([]);
  });

  it("never returns retired tasks, whatever the filter", async () => {
    for (const change of [
      { query: "已撤销" },
      { departmentId: fx.departments.bigData, role: "lead" as const },
      { statuses: ["LAGGING" as const] },
      { overdue: true },
      { document: "doc-a" },
    ]) {
      expect(await ids(change)).not.toContain(fx.tasks.retired);
    }
  });
});

describe("searchTasks: pagination", () => {
  it("pages through the list without overlap or gaps", async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const result = await searchTasks(state({ pageSize: 20, page }), TODAY);
      expect(result).toMatchObject({ total: fx.total, page, pageSize: 20, pages: 3 });
      seen.push(...result.rows.map((r) => r.id));
    }
    expect(seen).toHaveLength(fx.total);
    expect(new Set(seen).size).toBe(fx.total);
    expect((await searchTasks(state({ pageSize: 20, page: 3 }), TODAY)).rows).toHaveLength(fx.total - 40);
  });

  it("fills exactly one page at the boundary and shows the last page past the end", async () => {
    const fifty = await searchTasks(state({ statuses: ["ONGOING"], pageSize: 50 }), TODAY);
    expect(fifty).toMatchObject({ total: 50, pages: 1, page: 1 });
    expect(fifty.rows).toHaveLength(50);
    const past = await searchTasks(state({ pageSize: 20, page: 99 }), TODAY);
    expect(past.page).toBe(3);
    expect(past.rows).toHaveLength(fx.total - 40);
    const empty = await searchTasks(state({ query: "没有这个", page: 5 }), TODAY);
    expect(empty).toMatchObject({ total: 0, rows: [], page: 1, pages: 1 });
  });
});

describe("searchTasks: sorting", () => {
  const docA = { document: "doc-a" };

  it("sorts by number, integers numerically", async () => {
    const { rows } = await searchTasks(state({ ...docA, sort: "number", direction: "asc" }), TODAY);
    expect(rows.map((r) => r.number)).toEqual(["1", "2", "10", "专栏1-1"]);
    const desc = await searchTasks(state({ ...docA, sort: "number", direction: "desc" }), TODAY);
    expect(desc.rows.map((r) => r.number)).toEqual(["10", "2", "1", "专栏1-1"]);
  });

  it("sorts by next due date, tasks without one last", async () => {
    const { rows } = await searchTasks(state({ sort: "due", direction: "asc" }), TODAY);
    expect(rows.slice(0, 4).map((r) => r.id)).toEqual(["net", "community", "today", "share"].map((k) => fx.tasks[k]));
    expect(rows.at(-1)!.nextDueDate).toBeNull();
    const desc = await searchTasks(state({ sort: "due", direction: "desc" }), TODAY);
    expect(desc.rows[0]!.id).toBe(fx.tasks.share);
  });

  it("sorts by status, worst first", async () => {
    const { rows } = await searchTasks(state({ ...docA, sort: "status", direction: "asc" }), TODAY);
    expect(rows.map((r) => r.status)).toEqual(["LAGGING", "LAGGING", "ON_TRACK", "COMPLETED"]);
    const desc = await searchTasks(state({ ...docA, sort: "status", direction: "desc" }), TODAY);
    expect(desc.rows.map((r) => r.status)).toEqual(["COMPLETED", "ON_TRACK", "LAGGING", "LAGGING"]);
    // Across every state: worst first (STATE_SEVERITY), the new states between at-risk and not started.
    const all = await searchTasks(state({ sort: "status", direction: "asc" }), TODAY);
    const ranks = all.rows.map((r) => STATE_SEVERITY.indexOf(r.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(all.rows.map((r) => r.status))).toEqual(
      new Set(["LAGGING", "UNASSIGNED", "NO_REPORT", "ON_TRACK", "ONGOING", "COMPLETED"]),
    );
  });

  it("sorts by last update, most recent first by default", async () => {
    const parsed = parseTaskListState({ sort: "updated", size: "100" });
    expect(parsed.direction).toBe("desc");
    const { rows } = await searchTasks(parsed, TODAY);
    expect(rows.slice(0, 2).map((r) => r.id)).toEqual([fx.tasks.share, fx.tasks.net]);
  });

  it("keeps document order stable in both directions", async () => {
    const asc = await ids({ ...docA });
    const desc = await ids({ ...docA, direction: "desc" });
    expect(desc).toEqual([...asc].reverse());
  });
});

describe("searchTasks: URL state", () => {
  it("falls back to defaults for invalid parameters instead of failing", async () => {
    const parsed = parseTaskListState({
      doc: "../../etc",
      dept: "abc",
      role: "boss",
      status: "bogus,LAGGING",
      overdue: "maybe",
      dueFrom: "2026-13-45",
      kind: "chapter",
      sort: "random",
      dir: "sideways",
      page: "-3",
      size: "7",
    });
    const result = await searchTasks(parsed, TODAY);
    expect(result).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(result.rows[0]!.id).toBe(fx.tasks.share);
  });

  it("a shared link reproduces the same rows", async () => {
    const view = parseTaskListState(
      new URLSearchParams(`dept=${fx.departments.bigData}&role=lead&overdue=1&sort=due&dir=desc`),
    );
    const again = parseTaskListState(
      new URLSearchParams(
        new URLSearchParams(`dept=${fx.departments.bigData}&role=lead&overdue=1&sort=due&dir=desc`).toString(),
      ),
    );
    const [first, second] = await Promise.all([searchTasks(view, TODAY), searchTasks(again, TODAY)]);
    expect(first.rows.map((r) => r.id)).toEqual([fx.tasks.community, fx.tasks.net]);
    expect(second.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });
});

describe("getTaskFilterOptions", () => {
  it("offers documents, the chosen document's sections and the units with tasks", async () => {
    const options = await getTaskFilterOptions("doc-a");
    expect(options.documents.map((d) => d.slug)).toEqual(["doc-a", "doc-b"]);
    expect(options.sections.map((s) => [s.path, s.depth])).toEqual([
      ["一", 0],
      ["一/（一）", 1],
      ["二", 0],
      ["一_", 0],
    ]);
    // Units without tasks are not offered; generic ones come last.
    expect(options.departments.map((d) => d.name)).toEqual(["省大数据局", "省工业和信息化厅", "省政府有关部门"]);
    expect((await getTaskFilterOptions(null)).sections).toEqual([]);
  });
});

describe("departments", () => {
  beforeAll(async () => {
    const p = db.prisma;
    // The period containing 2026-11-23 (P6) and the one before it.
    const [current, previous] = await Promise.all(
      [
        { index: 6, start: "2026-11-01", end: "2026-12-31" },
        { index: 5, start: "2026-09-01", end: "2026-10-31" },
      ].map((period) =>
        p.reportingPeriod.create({
          data: {
            year: 2026,
            index: period.index,
            startDate: new Date(`${period.start}T00:00:00Z`),
            endDate: new Date(`${period.end}T00:00:00Z`),
          },
          select: { id: true },
        }),
      ),
    );
    const { bigData, industry } = fx.departments;
    const update = (taskKey: string, periodId: number, departmentId: number, version: number, reviewState: string) => ({
      taskId: fx.tasks[taskKey]!,
      periodId,
      departmentId,
      kind: departmentId === bigData ? ("LEAD_REPORT" as const) : ("CONTRIBUTION" as const),
      version,
      reviewState: reviewState as "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED",
      status: "ON_TRACK" as const,
      progress: 50,
      progressText: "进展",
    });
    await p.taskUpdate.createMany({
      data: [
        update("net", current!.id, bigData, 1, "DRAFT"),
        update("net", current!.id, bigData, 2, "SUBMITTED"),
        update("underscore", current!.id, bigData, 1, "SUBMITTED"),
        update("underscore", current!.id, bigData, 2, "RETURNED"),
        // Another period and another department do not count for 省大数据局 now.
        update("community", previous!.id, bigData, 1, "APPROVED"),
        update("community", current!.id, industry, 1, "APPROVED"),
      ],
    });
  });

  it("counts each unit's tasks by role, and lagging and overdue tasks it leads; retired tasks excluded", async () => {
    const { units, generic } = await listDepartmentWorkload("lag", TODAY);
    const byName = Object.fromEntries(units.map((u) => [u.name, u]));
    expect(byName["省大数据局"]).toMatchObject({
      leadCount: 3,
      responsibleCount: 0,
      cooperatingCount: 1,
      laggingCount: 1,
      overdueCount: 2,
      attentionCount: 3,
    });
    expect(byName["省工业和信息化厅"]).toMatchObject({
      leadCount: 1,
      responsibleCount: 2,
      cooperatingCount: 0,
      laggingCount: 1,
      overdueCount: 0,
      attentionCount: 1,
    });
    expect(byName["省体育局"]).toMatchObject({ leadCount: 0, responsibleCount: 0, attentionCount: 0 });
    expect(generic.map((g) => [g.name, g.generic, g.responsibleCount])).toEqual([["省政府有关部门", true, 1]]);
    expect(units.every((u) => !u.generic)).toBe(true);
  });

  it("sorts by lag by default, or by lead count, responsible count or name", async () => {
    const names = async (sort: "lag" | "lead" | "responsible" | "name") =>
      (await listDepartmentWorkload(sort, TODAY)).units.map((u) => u.name);
    expect(await names("lag")).toEqual(["省大数据局", "省工业和信息化厅", "省体育局"]);
    expect(await names("lead")).toEqual(["省大数据局", "省工业和信息化厅", "省体育局"]);
    expect(await names("responsible")).toEqual(["省工业和信息化厅", "省大数据局", "省体育局"]);
    expect((await names("name")).sort((a, b) => a.localeCompare(b, "zh-CN"))).toEqual(await names("name"));
  });

  it("builds a unit's profile: aliases, overdue milestones, submissions in the current period", async () => {
    const profile = (await getDepartmentProfile(fx.departments.bigData, TODAY))!;
    expect(profile).toMatchObject({ name: "省大数据局", generic: false, aliases: ["山东省大数据局"] });
    expect(profile.overdueMilestones.map((m) => [m.taskId, m.dueDate, m.role])).toEqual([
      [fx.tasks.net, "2026-06-30", "LEAD"],
      [fx.tasks.community, "2026-11-22", "LEAD"],
    ]);
    expect(profile.submissions.period).toMatchObject({ code: "2026-P6", start: "2026-11-01", end: "2026-12-31" });
    expect(profile.overdueTotal).toBe(2);
    // Tasks needing action first: not reported, returned, draft, then submitted and approved.
    expect(profile.submissions.tasks.map((t) => [t.taskId, t.state, t.version])).toEqual([
      [fx.tasks.community, "NONE", null],
      [fx.tasks.underscore, "RETURNED", 2],
      [fx.tasks.net, "SUBMITTED", 2],
    ]);
    expect(profile.submissions.counts).toEqual({ NONE: 1, DRAFT: 0, SUBMITTED: 1, RETURNED: 1, APPROVED: 0 });

    // Its tasks by state today: net reported on track; underscore past its deadline (2026-01-01)
    // unfinished → 滞后 whatever was set; community has a unit but no approved report → 未报送.
    expect(profile.states.counts).toMatchObject({ ON_TRACK: 1, LAGGING: 1, NO_REPORT: 1, AT_RISK: 0, UNASSIGNED: 0 });
    // 1 lagging of 3 ≥ 20 %: 滞后.
    expect(profile.states.rollUp).toMatchObject({ total: 3, lagging: 1, status: "BEHIND", reason: "MANY_BEHIND" });
    expect(profile.submissions).toMatchObject({ tasksInScope: 3, submitted: 1, missing: 2 });

    const industry = (await getDepartmentProfile(fx.departments.industry, TODAY))!;
    expect(industry.overdueMilestones.map((m) => [m.taskId, m.role])).toEqual([
      [fx.tasks.net, "RESPONSIBLE"],
      [fx.tasks.community, "RESPONSIBLE"],
    ]);
    // It owes the lead report of the one task it leads; its approved contribution to community is not one.
    expect(industry.submissions.tasks.map((t) => [t.taskId, t.state])).toEqual([[fx.tasks.share, "NONE"]]);
    expect(industry.submissions).toMatchObject({ tasksInScope: 1, submitted: 0, missing: 1 });
  });

  it("lists the indicators of the tasks a unit leads, merged ones under their target", async () => {
    const p = db.prisma;
    const kept = await p.indicator.create({
      data: { key: "5g", name: "5G基站数", unit: "万个", area: "数字基础设施" },
    });
    const merged = await p.indicator.create({
      data: { key: "5g-old", name: "5G基站", unit: "万个", area: "数字基础设施", mergedIntoId: kept.id },
    });
    const other = await p.indicator.create({ data: { key: "share", name: "数据共享率", unit: "%", area: "数字政府" } });
    await p.taskIndicator.createMany({
      data: [
        { taskId: fx.tasks.net!, indicatorId: kept.id },
        { taskId: fx.tasks.community!, indicatorId: merged.id },
        // 省大数据局 only cooperates on this one.
        { taskId: fx.tasks.share!, indicatorId: other.id },
        { taskId: fx.tasks.retired!, indicatorId: other.id },
      ],
    });
    const profile = (await getDepartmentProfile(fx.departments.bigData, TODAY))!;
    expect(profile.indicators).toEqual([{ id: kept.id, name: "5G基站数", unit: "万个", taskCount: 2 }]);
  });

  it("a period without a row is open with every owed report missing, and no profile for an unknown id", async () => {
    const profile = (await getDepartmentProfile(fx.departments.bigData, "2030-05-01"))!;
    // Nothing is finished, so each task it leads still owes a report years after its document ended.
    expect(profile.submissions).toMatchObject({
      period: { code: "2030-P3", state: "OPEN" },
      tasksInScope: 3,
      submitted: 0,
      missing: 3,
      counts: { NONE: 3, DRAFT: 0, SUBMITTED: 0, RETURNED: 0, APPROVED: 0 },
    });
    expect(await getDepartmentProfile(999_999, TODAY)).toBeNull();
  });
});

/*
 * Issue 14 made two queries faster by changing their shape; these prove the new shape gives what the
 * plain one gives. A page is now "pick the page's rows, then compute their columns" (so PostgreSQL probes
 * the milestone index per row instead of hashing every open milestone); the areas come from a loose
 * index scan instead of Prisma's in-memory `distinct`.
 */
describe("query shapes (issue 14)", () => {
  /** The plain form: one SELECT over every match, its columns computed in the same statement. */
  async function flatReference(view: TaskListState) {
    return db.prisma.$queryRaw<{ id: number; status: string; overdue: boolean }[]>`
      SELECT t.id, ${taskStateSql(TODAY)} AS status, ${overdueExists(TODAY)} AS overdue
      FROM "task" t JOIN "document" d ON d.id = t."documentId"
      WHERE ${taskWhere(view, TODAY)}
      ORDER BY ${taskOrder(view.sort, view.direction, TODAY)}`;
  }

  const views: Partial<TaskListState>[] = [
    {},
    { statuses: ["LAGGING", "AT_RISK"] as TaskStatusValue[] },
    { statuses: ["ONGOING", "LAGGING"] as TaskStatusValue[] }, // the 50 fillers: several pages of ties
    { overdue: true },
    { document: "doc-a" },
  ];

  it("every page holds the rows of the plain query at its offset, in its order, with the same state and flag", async () => {
    for (const sort of TASK_SORTS) {
      for (const direction of ["asc", "desc"] as const) {
        for (const change of views) {
          const view = state({ ...change, sort, direction, pageSize: 20 });
          const expected = await flatReference(view);
          expect(expected.length).toBeGreaterThan(0);
          const paged: { id: number; status: string; overdue: boolean }[] = [];
          for (let page = 1; page <= Math.ceil(expected.length / 20); page++) {
            const result = await searchTasks({ ...view, page }, TODAY);
            expect(result.total).toBe(expected.length);
            paged.push(...result.rows.map((r) => ({ id: r.id, status: r.status, overdue: r.overdue })));
          }
          expect(paged, `${sort} ${direction} ${JSON.stringify(change)}`).toEqual(expected);
        }
      }
    }
  });

  it("offers exactly the distinct areas of current tasks (none when no task has one), in strategy order", async () => {
    const p = db.prisma;
    const reference = async () =>
      (await p.$queryRaw<{ area: string | null }[]>`SELECT DISTINCT area FROM "task" WHERE "retiredAt" IS NULL`)
        .map((r) => r.area)
        .sort(compareAreas);
    // The fixture's tasks have no area: only "none".
    expect((await getTaskFilterOptions(null)).areas).toEqual([null]);
    const set = (key: string, area: string | null) => p.task.update({ where: { id: fx.tasks[key]! }, data: { area } });
    try {
      await set("net", "数字基础设施");
      await set("share", "数字政府");
      await set("community", "数字政府");
      await set("retired", "数字经济"); // retired: never offered
      const areas = (await getTaskFilterOptions(null)).areas;
      expect(areas).toEqual(await reference());
      expect(areas).toEqual(["数字基础设施", "数字政府", null].sort(compareAreas));
      // Every current task with an area: no "none" choice.
      await p.task.updateMany({ where: { area: null }, data: { area: "数字社会" } });
      expect((await getTaskFilterOptions(null)).areas).toEqual(await reference());
      expect((await getTaskFilterOptions(null)).areas).not.toContain(null);
    } finally {
      await p.task.updateMany({ data: { area: null } });
    }
  });
});
