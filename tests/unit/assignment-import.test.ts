/** The 任务分工表's pure rules: header mapping, unit cells, the registry lookup with suggestions, deadlines, rows. */
import { describe, expect, it } from "vitest";
import {
  buildUnitIndex,
  mapAssignmentHeader,
  markDuplicateTasks,
  parseDeadline,
  sameAssignment,
  selectAssignmentRows,
  splitUnits,
  stateFingerprint,
  typeAssignmentRow,
  type AssignmentColumn,
  type RawAssignmentRow,
  type TaskForRow,
} from "../../lib/domain/assignment-import";
import type { Cell } from "../../lib/domain/observation-import";

const units = buildUnitIndex([
  { id: 1, name: "省大数据局", shortName: "大数据局", aliases: [] },
  { id: 2, name: "省发展改革委", shortName: null, aliases: ["省发展和改革委员会"] },
  { id: 3, name: "省工业和信息化厅", shortName: "省工信厅", aliases: [] },
  { id: 4, name: "各市人民政府", shortName: null, aliases: [] },
  { id: 5, name: "省经济和信息化委员会", shortName: null, aliases: [], retired: true, successor: "省工业和信息化厅" },
]);
const period = { start: "2021-01-01", end: "2025-12-31" };
const task = (over: Partial<TaskForRow> = {}): TaskForRow => ({
  id: 10,
  number: "1",
  title: "任务",
  retired: false,
  current: { lead: [], responsible: [], cooperating: [], deadline: null },
  deadlineFromText: false,
  textDeadline: null,
  ...over,
});
const row = (fields: Partial<Record<AssignmentColumn, Cell>>, rowNumber = 2): RawAssignmentRow => ({
  rowNumber,
  fields: {
    number: null,
    title: null,
    source: null,
    lead: null,
    responsible: null,
    cooperating: null,
    deadline: null,
    note: null,
    ...fields,
  },
});
const type = (fields: Partial<Record<AssignmentColumn, Cell>>, t: TaskForRow | null = task()) =>
  typeAssignmentRow(row(fields), (n) => (t && n === t.number ? t : null), units, period);

describe("header", () => {
  it("maps the Chinese template, English headers and aliases; 编号 and 牵头单位 are required", () => {
    expect(
      mapAssignmentHeader(["编号", "标题", "牵头单位", "责任单位", "配合单位", "完成时限", "备注"]).missing,
    ).toEqual([]);
    const en = mapAssignmentHeader([
      "No.",
      "Title",
      "Units in the text",
      "Lead units",
      "Responsible units",
      "Cooperating units",
      "Deadline",
      "Note",
    ]);
    expect(en.missing).toEqual([]);
    expect(en.columns).toMatchObject({ number: 0, source: 2, lead: 3, deadline: 6, note: 7 });
    expect(mapAssignmentHeader(["标题", "责任单位"]).missing).toEqual(["number", "lead"]);
  });

  it("skips untouched rows (no unit, no deadline) and blank rows; counts the untouched ones", () => {
    const { rows, skipped } = selectAssignmentRows(
      [
        { rowNumber: 2, cells: ["1", "标题"] },
        { rowNumber: 3, cells: [] },
        { rowNumber: 4, cells: ["2", "标题", "省大数据局"] },
      ],
      { number: 0, title: 1, lead: 2 },
    );
    expect(rows.map((r) => r.rowNumber)).toEqual([4]);
    expect(skipped).toBe(1);
  });
});

describe("cells", () => {
  it("splits units on 、，,；; / and line breaks", () => {
    expect(splitUnits("省大数据局、省发展改革委，省工信厅;各市人民政府\n省财政厅 / 省教育厅")).toEqual([
      "省大数据局",
      "省发展改革委",
      "省工信厅",
      "各市人民政府",
      "省财政厅",
      "省教育厅",
    ]);
    expect(splitUnits(null)).toEqual([]);
  });

  it("reads deadlines as days, months' and years' ends; refuses what is not a date", () => {
    expect(parseDeadline("2025-6-30")).toBe("2025-06-30");
    expect(parseDeadline("2025年6月")).toBe("2025-06-30");
    expect(parseDeadline("2024年2月")).toBe("2024-02-29");
    expect(parseDeadline("2025年底")).toBe("2025-12-31");
    expect(parseDeadline("２０２５／１２／３１")).toBe("2025-12-31");
    expect(parseDeadline(new Date(Date.UTC(2025, 2, 1)))).toBe("2025-03-01");
    expect(parseDeadline("")).toBeNull();
    expect(parseDeadline("2025-02-30")).toBe("format");
    expect(parseDeadline("尽快")).toBe("format");
  });
});

describe("the registry lookup", () => {
  it("finds a unit by name, short name, alias and with or without the 省 prefix", () => {
    expect(units.find("省大数据局")?.id).toBe(1);
    expect(units.find("大数据局")?.id).toBe(1);
    expect(units.find("省发展和改革委员会")?.id).toBe(2);
    expect(units.find("发展改革委")?.id).toBe(2);
    expect(units.find(" 省 工信厅 ")?.id).toBe(3);
    expect(units.find("省数据局")).toBeNull();
  });

  it("suggests the closest current names, never a retired one", () => {
    expect(units.suggest("省数据局")[0]).toBe("省大数据局");
    expect(units.suggest("省工业信息化厅")[0]).toBe("省工业和信息化厅");
    expect(units.suggest("经济和信息化委员会")).not.toContain("省经济和信息化委员会");
    expect(units.suggest("完全无关")).toEqual([]);
  });
});

describe("a row", () => {
  it("becomes the task's whole assignment", () => {
    const typed = type({
      number: "1",
      lead: "省大数据局",
      cooperating: "省发展改革委、各市人民政府",
      deadline: "2025-06-30",
    });
    expect(typed.issues).toEqual([]);
    expect(typed.after).toEqual({
      lead: [{ id: 1, name: "省大数据局" }],
      responsible: [],
      cooperating: [
        { id: 2, name: "省发展改革委" },
        { id: 4, name: "各市人民政府" },
      ],
      deadline: "2025-06-30",
    });
    expect(typed.deadlineInput).toBe("2025-06-30");
  });

  it("names each problem's column and reason", () => {
    expect(type({ number: "9", lead: "省大数据局" }).issues).toEqual([
      { column: "number", code: "unknownTask", params: { number: "9" } },
    ]);
    expect(type({ number: "1", lead: "省数据局" }).issues[0]).toMatchObject({
      column: "lead",
      code: "unknownUnit",
      params: { name: "省数据局", suggestions: expect.stringContaining("省大数据局") },
    });
    expect(type({ number: "1", lead: "省经济和信息化委员会" }).issues[0]).toMatchObject({
      code: "retiredUnit",
      params: { successor: "省工业和信息化厅" },
    });
    expect(type({ number: "1", lead: "省大数据局", cooperating: "大数据局" }).issues[0]).toMatchObject({
      column: "cooperating",
      code: "unitInTwoRoles",
      params: { role: "lead" },
    });
    expect(type({ number: "1", responsible: "省大数据局" }).issues[0]).toMatchObject({ code: "leadRequired" });
    expect(type({ number: "1", lead: "省大数据局", deadline: "2026-01-01" }).issues[0]).toMatchObject({
      column: "deadline",
      code: "deadlineOutsidePeriod",
    });
    expect(type({ number: "1", lead: "省大数据局", note: "长".repeat(501) }).issues[0]).toMatchObject({
      code: "noteTooLong",
    });
  });

  it("keeps a deadline the text gives: the same date or a blank passes, another is refused", () => {
    const fromText = task({ deadlineFromText: true, textDeadline: "2023-12-31" });
    const same = type({ number: "1", lead: "省大数据局", deadline: "2023-12-31" }, fromText);
    expect(same.issues).toEqual([]);
    expect(same.deadlineInput).toBeUndefined();
    expect(type({ number: "1", lead: "省大数据局", deadline: "2024-12-31" }, fromText).issues[0]).toMatchObject({
      code: "deadlineFromText",
      params: { date: "2023-12-31" },
    });
  });

  it("a row repeating a current assignment without a lead is unchanged, not an error", () => {
    const current = task({
      current: { lead: [], responsible: [{ id: 4, name: "各市人民政府" }], cooperating: [], deadline: null },
    });
    const typed = type({ number: "1", responsible: "各市人民政府" }, current);
    expect(typed.issues).toEqual([]);
    expect(sameAssignment(current.current, typed.after!)).toBe(true);
  });

  it("the second row for a task is an error naming the first", () => {
    const rows = [
      type({ number: "1", lead: "省大数据局" }),
      { ...type({ number: "1", lead: "省发展改革委" }), rowNumber: 5 },
    ];
    markDuplicateTasks(rows);
    expect(rows[0]!.issues).toEqual([]);
    expect(rows[1]!.issues[0]).toMatchObject({ code: "duplicateTask", params: { row: 2 } });
    expect(rows[1]!.after).toBeNull();
  });

  it("the fingerprint follows the state, not the order of units or rows", () => {
    const a = {
      lead: [
        { id: 1, name: "a" },
        { id: 2, name: "b" },
      ],
      responsible: [],
      cooperating: [],
      deadline: null,
    };
    const b = { ...a, lead: [...a.lead].reverse() };
    expect(
      stateFingerprint([
        { taskId: 2, state: a },
        { taskId: 1, state: a },
      ]),
    ).toBe(
      stateFingerprint([
        { taskId: 1, state: b },
        { taskId: 2, state: b },
      ]),
    );
    expect(stateFingerprint([{ taskId: 1, state: a }])).not.toBe(
      stateFingerprint([{ taskId: 1, state: { ...a, deadline: "2025-01-01" } }]),
    );
  });
});
