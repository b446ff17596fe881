/**
 * Institutional reform (机构改革) as pure rules: what a task's assignment becomes when one unit's work
 * passes to another (merge, split), and whether a task still holds what a reform left it with (undo).
 * The writes are lib/server/department-reform.ts; every task change goes through the one assignment
 * service (lib/server/assignments.ts).
 */

export type ReformRole = "lead" | "responsible" | "cooperating";
export const REFORM_ROLES: readonly ReformRole[] = ["lead", "responsible", "cooperating"];

/** A task's units by role, as department ids in their order. */
export interface UnitsByRole {
  lead: number[];
  responsible: number[];
  cooperating: number[];
}

/**
 * The assignment after `fromId`'s part passes to `toId`: `toId` takes `fromId`'s place in every role it
 * held. A unit holds one role only, so when `toId` already has a role on the task it keeps the stronger
 * of the two (牵头 > 责任 > 配合), at the position of that role. Null when `fromId` is not on the task.
 */
export function passUnit(units: UnitsByRole, fromId: number, toId: number): UnitsByRole | null {
  const fromRole = REFORM_ROLES.find((role) => units[role].includes(fromId));
  if (!fromRole) return null;
  const toRole = REFORM_ROLES.find((role) => units[role].includes(toId));
  const strongest = toRole && REFORM_ROLES.indexOf(toRole) < REFORM_ROLES.indexOf(fromRole) ? toRole : fromRole;
  const next: UnitsByRole = { lead: [], responsible: [], cooperating: [] };
  for (const role of REFORM_ROLES) {
    for (const id of units[role]) {
      if (id === fromId) {
        if (role === strongest) next[role].push(toId);
      } else if (id === toId) {
        if (role === strongest && !next[role].includes(toId)) next[role].push(toId);
      } else {
        next[role].push(id);
      }
    }
  }
  // `toId` took `fromId`'s place; drop a second occurrence if it also stood later in the same role.
  for (const role of REFORM_ROLES) next[role] = next[role].filter((id, i, all) => all.indexOf(id) === i);
  return next;
}

/** Whether two assignments name the same units in the same roles (order within a role ignored). */
export function sameUnits(a: UnitsByRole, b: UnitsByRole): boolean {
  return REFORM_ROLES.every((role) => {
    const x = [...a[role]].sort((p, q) => p - q);
    const y = [...b[role]].sort((p, q) => p - q);
    return x.length === y.length && x.every((id, i) => id === y[i]);
  });
}
