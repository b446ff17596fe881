import { describe, expect, it } from "vitest";
import { passUnit, sameUnits } from "../../lib/domain/department-reform";

const units = (lead: number[], responsible: number[] = [], cooperating: number[] = []) => ({
  lead,
  responsible,
  cooperating,
});

describe("passUnit: the receiving unit takes the leaving unit's place", () => {
  it("in the role it held, at its position", () => {
    expect(passUnit(units([1, 2], [3]), 1, 9)).toEqual(units([9, 2], [3]));
    expect(passUnit(units([2], [3, 1, 4]), 1, 9)).toEqual(units([2], [3, 9, 4]));
    expect(passUnit(units([2], [], [1]), 1, 9)).toEqual(units([2], [], [9]));
  });

  it("keeps the stronger role when the receiving unit is already on the task (one role per unit)", () => {
    // A led, B cooperated: B now leads, and no longer cooperates.
    expect(passUnit(units([1], [], [9]), 1, 9)).toEqual(units([9], [], []));
    // A cooperated, B led: B keeps leading.
    expect(passUnit(units([9], [], [1]), 1, 9)).toEqual(units([9], [], []));
    // Both in the same role: one entry, at A's position.
    expect(passUnit(units([1, 9, 2]), 1, 9)).toEqual(units([9, 2]));
  });

  it("is null when the leaving unit is not on the task", () => {
    expect(passUnit(units([2], [3]), 1, 9)).toBeNull();
  });
});

describe("sameUnits", () => {
  it("compares roles as sets", () => {
    expect(sameUnits(units([1, 2], [3]), units([2, 1], [3]))).toBe(true);
    expect(sameUnits(units([1], [3]), units([1], [], [3]))).toBe(false);
    expect(sameUnits(units([1]), units([1, 2]))).toBe(false);
  });
});
