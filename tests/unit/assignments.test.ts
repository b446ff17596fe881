/**
 * The pure assignment rules (lib/domain/assignments.ts): validation against the registry and the
 * document, snapshots, no-op detection, the history's diff and the importer's disagreement.
 */
import { describe, expect, it } from "vitest";
import {
  diffAssignment,
  normaliseInput,
  readSnapshot,
  sameAssignment,
  snapshotOf,
  sourceDisagreement,
  validateAssignment,
  type AssignmentFacts,
  type RegistryUnit,
} from "../../lib/domain/assignments";

const units = new Map<number, RegistryUnit>([
  [1, { id: 1, name: "省大数据局", generic: false, retired: false }],
  [2, { id: 2, name: "省工业和信息化厅", generic: false, retired: false }],
  [3, { id: 3, name: "省政府有关部门", generic: true, retired: false }],
  [4, { id: 4, name: "省信息产业厅", generic: false, retired: true }],
]);
const empty = { lead: [], responsible: [], cooperating: [], deadline: null };
const facts = (over: Partial<AssignmentFacts> = {}): AssignmentFacts => ({
  today: "2024-03-15",
  periodStart: "2021-01-01",
  periodEnd: "2025-12-31",
  textHasMilestones: false,
  units,
  current: empty,
  ...over,
});
const keys = (errors: object) => Object.keys(errors).sort();

describe("validateAssignment", () => {
  it("accepts known units, a generic group, a deadline inside the period and today's date", () => {
    const input = { lead: [1], responsible: [2], cooperating: [3], deadline: "2025-06-30" };
    expect(validateAssignment(input, "2024-03-15", facts())).toEqual({});
  });

  it("names the field of each problem", () => {
    expect(keys(validateAssignment({ lead: [9], responsible: [], cooperating: [] }, "2024-03-01", facts()))).toEqual([
      "lead",
    ]);
    expect(keys(validateAssignment({ lead: [4], responsible: [], cooperating: [] }, "2024-03-01", facts()))).toEqual([
      "lead",
    ]);
    expect(keys(validateAssignment({ lead: [1], responsible: [], cooperating: [1] }, "2024-03-01", facts()))).toEqual([
      "cooperating",
    ]);
    expect(keys(validateAssignment({ lead: [1], responsible: [], cooperating: [] }, "2024-03-16", facts()))).toEqual([
      "effectiveDate",
    ]);
    expect(keys(validateAssignment({ lead: [1], responsible: [], cooperating: [] }, "2020-12-31", facts()))).toEqual([
      "effectiveDate",
    ]);
    const late = { lead: [1], responsible: [], cooperating: [], deadline: "2026-01-01" };
    expect(keys(validateAssignment(late, "2024-03-01", facts()))).toEqual(["deadline"]);
  });

  it("refuses a deadline where the text sets one, unless it is left as it is", () => {
    const withDeadline = { lead: [1], responsible: [], cooperating: [], deadline: "2025-06-30" };
    expect(keys(validateAssignment(withDeadline, "2024-03-01", facts({ textHasMilestones: true })))).toEqual([
      "deadline",
    ]);
    const kept = { lead: [1], responsible: [], cooperating: [] };
    expect(validateAssignment(kept, "2024-03-01", facts({ textHasMilestones: true }))).toEqual({});
  });
});

describe("snapshots", () => {
  it("an omitted deadline keeps the current one; order and repeats inside a role do not matter", () => {
    const current = snapshotOf(
      { lead: [1, 2], responsible: [], cooperating: [], deadline: "2025-06-30" },
      units,
      empty,
    );
    const again = snapshotOf(normaliseInput({ lead: [2, 1, 1], responsible: [], cooperating: [] }), units, current);
    expect(again.deadline).toBe("2025-06-30");
    expect(again.lead).toEqual([
      { id: 2, name: "省工业和信息化厅" },
      { id: 1, name: "省大数据局" },
    ]);
    expect(sameAssignment(current, again)).toBe(true);
    expect(sameAssignment(current, { ...again, deadline: null })).toBe(false);
  });

  it("diffs role by role, and reads a malformed stored snapshot as empty", () => {
    const before = snapshotOf({ lead: [1], responsible: [2], cooperating: [] }, units, empty);
    const after = snapshotOf({ lead: [2], responsible: [], cooperating: [3] }, units, empty);
    expect(diffAssignment(before, after)).toEqual([
      { role: "lead", added: [{ id: 2, name: "省工业和信息化厅" }], removed: [{ id: 1, name: "省大数据局" }] },
      { role: "responsible", added: [], removed: [{ id: 2, name: "省工业和信息化厅" }] },
      { role: "cooperating", added: [{ id: 3, name: "省政府有关部门" }], removed: [] },
    ]);
    expect(readSnapshot(null)).toEqual(empty);
    expect(readSnapshot({ lead: "x", deadline: 5 })).toEqual(empty);
  });
});

describe("sourceDisagreement", () => {
  it("lists the text's units the assignment lacks and the assigned units the text lacks", () => {
    const source = [
      { departmentId: 1, role: "LEAD" as const },
      { departmentId: 3, role: "RESPONSIBLE" as const },
    ];
    const current = [
      { departmentId: 2, role: "LEAD" as const },
      { departmentId: 3, role: "RESPONSIBLE" as const },
    ];
    expect(sourceDisagreement(source, current)).toEqual({
      onlyInText: [{ departmentId: 1, role: "LEAD" }],
      onlyAssigned: [{ departmentId: 2, role: "LEAD" }],
    });
    expect(sourceDisagreement(current, current)).toEqual({ onlyInText: [], onlyAssigned: [] });
  });
});
