/**
 * Task assignment (任务分解/交办, issue 15) — the pure rules. A task's current assignment lives in
 * task_assignment (every query, the hasLead trigger and the state rule read it); the units its text names
 * live in task_source_unit (原文); every decided change appends a task_assignment_change row holding the
 * snapshots below. lib/server/assignments.ts is the one write path (browser, API, 任务分工表, reform).
 *
 * Rules:
 *  - a unit holds one role on a task (牵头 / 责任 / 配合), and must be a known department that is not
 *    retired; a generic group (各市人民政府) may be assigned as such — it never makes hasLead true;
 *  - the effective date (from when the assignment holds) is not after today and not before the
 *    document's period start: a change applies at once, reports already filed keep their unit;
 *  - a deadline may be assigned only where the text gives no milestone, and lies inside the document's
 *    period;
 *  - a change that leaves everything as it was is a no-op: nothing is written.
 */
import type { Message } from "../i18n/message";
import { msg } from "../i18n/message";

export const ASSIGNMENT_ROLES = ["lead", "responsible", "cooperating"] as const;
export type AssignmentRoleKey = (typeof ASSIGNMENT_ROLES)[number];
export const ROLE_OF_KEY = { lead: "LEAD", responsible: "RESPONSIBLE", cooperating: "COOPERATING" } as const;
export const KEY_OF_ROLE = { LEAD: "lead", RESPONSIBLE: "responsible", COOPERATING: "cooperating" } as const;

export const ASSIGNMENT_LIMITS = { unitsPerRole: 50, note: 500 } as const;

/** The text of the milestone that holds a deadline a person assigned (no source: the text gave none). */
export const ASSIGNED_DEADLINE_TEXT = "分工确定的完成时限";
/** Its ordinal: far from the importer's 0…n so a re-import never renumbers or retires it. */
export const ASSIGNED_DEADLINE_ORDINAL = 1_000_000;

export type UnitRef = number;

export interface AssignmentInput {
  lead: UnitRef[];
  responsible: UnitRef[];
  cooperating: UnitRef[];
  /** Omitted: keep. null: no assigned deadline. */
  deadline?: string | null;
}

export interface SnapshotUnit {
  id: number;
  name: string;
}

/** An assignment as it stood at one moment, with the department names as they were then. */
export interface AssignmentSnapshot {
  lead: SnapshotUnit[];
  responsible: SnapshotUnit[];
  cooperating: SnapshotUnit[];
  /** The deadline a person assigned (YYYY-MM-DD), or null when none is (the text's or the period end holds). */
  deadline: string | null;
}

export interface RegistryUnit {
  id: number;
  name: string;
  generic: boolean;
  retired: boolean;
}

export interface AssignmentFacts {
  today: string;
  periodStart: string;
  periodEnd: string;
  /** The text gives milestones: the deadline is the text's and cannot be assigned. */
  textHasMilestones: boolean;
  units: ReadonlyMap<number, RegistryUnit>;
  current: AssignmentSnapshot;
}

export type FieldErrors = Record<string, Message[]>;

/** Drops repeats inside a role, keeping the first occurrence's order. */
export function normaliseInput(input: AssignmentInput): AssignmentInput {
  const uniq = (ids: number[]) => [...new Set(ids)];
  const out: AssignmentInput = {
    lead: uniq(input.lead),
    responsible: uniq(input.responsible),
    cooperating: uniq(input.cooperating),
  };
  if (input.deadline !== undefined) out.deadline = input.deadline;
  return out;
}

/** Field errors of an input against the registry and the document; empty when it may be applied. */
export function validateAssignment(input: AssignmentInput, effectiveDate: string, facts: AssignmentFacts): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: Message) => (errors[field] ??= []).push(message);
  const seen = new Map<number, AssignmentRoleKey>();
  for (const role of ASSIGNMENT_ROLES) {
    for (const id of input[role]) {
      const unit = facts.units.get(id);
      if (!unit) {
        add(role, msg("errors.assignments.unknownUnit", { id }));
        continue;
      }
      if (unit.retired) add(role, msg("errors.assignments.retiredUnit", { name: unit.name }));
      const other = seen.get(id);
      if (other && other !== role) {
        add(role, msg("errors.assignments.oneRole", { name: unit.name }));
      }
      seen.set(id, role);
    }
  }
  if (effectiveDate > facts.today) add("effectiveDate", msg("errors.assignments.effectiveFuture"));
  if (effectiveDate < facts.periodStart) {
    add("effectiveDate", msg("errors.assignments.effectiveBeforeStart", { start: facts.periodStart }));
  }
  if (input.deadline !== undefined && input.deadline !== facts.current.deadline) {
    if (facts.textHasMilestones) add("deadline", msg("errors.assignments.deadlineFromText"));
    else if (input.deadline !== null && (input.deadline < facts.periodStart || input.deadline > facts.periodEnd)) {
      add(
        "deadline",
        msg("errors.assignments.deadlineOutsidePeriod", { start: facts.periodStart, end: facts.periodEnd }),
      );
    }
  }
  return errors;
}

/** The snapshot an input leads to (names from the registry as they are now). */
export function snapshotOf(
  input: AssignmentInput,
  units: ReadonlyMap<number, RegistryUnit>,
  current: AssignmentSnapshot,
): AssignmentSnapshot {
  const refs = (ids: number[]) => ids.map((id) => ({ id, name: units.get(id)?.name ?? String(id) }));
  return {
    lead: refs(input.lead),
    responsible: refs(input.responsible),
    cooperating: refs(input.cooperating),
    deadline: input.deadline === undefined ? current.deadline : input.deadline,
  };
}

const idSet = (units: SnapshotUnit[]) =>
  units
    .map((u) => u.id)
    .sort((a, b) => a - b)
    .join(",");

/** Same units in the same roles (order within a role does not matter) and the same deadline. */
export function sameAssignment(a: AssignmentSnapshot, b: AssignmentSnapshot): boolean {
  return ASSIGNMENT_ROLES.every((role) => idSet(a[role]) === idSet(b[role])) && a.deadline === b.deadline;
}

export interface RoleDiff {
  role: AssignmentRoleKey;
  added: SnapshotUnit[];
  removed: SnapshotUnit[];
}

/** What a change did, role by role (for the history and the import report). */
export function diffAssignment(before: AssignmentSnapshot, after: AssignmentSnapshot): RoleDiff[] {
  return ASSIGNMENT_ROLES.map((role) => {
    const was = new Set(before[role].map((u) => u.id));
    const now = new Set(after[role].map((u) => u.id));
    return {
      role,
      added: after[role].filter((u) => !was.has(u.id)),
      removed: before[role].filter((u) => !now.has(u.id)),
    };
  }).filter((d) => d.added.length > 0 || d.removed.length > 0);
}

/** Reads a stored snapshot (jsonb) defensively: a malformed one reads as empty rather than failing a page. */
export function readSnapshot(value: unknown): AssignmentSnapshot {
  const obj = (value ?? {}) as Record<string, unknown>;
  const list = (v: unknown): SnapshotUnit[] =>
    Array.isArray(v)
      ? v
          .filter((u): u is { id: unknown; name: unknown } => typeof u === "object" && u !== null)
          .map((u) => ({ id: Number(u.id), name: String(u.name) }))
      : [];
  return {
    lead: list(obj.lead),
    responsible: list(obj.responsible),
    cooperating: list(obj.cooperating),
    deadline: typeof obj.deadline === "string" ? obj.deadline : null,
  };
}

export interface SourceUnitLike {
  departmentId: number;
  role: "LEAD" | "RESPONSIBLE" | "COOPERATING";
}

/**
 * Where the units the text names disagree with a decided assignment (for the importer's report): the
 * units the text names in a role the assignment does not give them, and the assigned ones the text omits.
 */
export function sourceDisagreement(
  source: SourceUnitLike[],
  current: SourceUnitLike[],
): { onlyInText: SourceUnitLike[]; onlyAssigned: SourceUnitLike[] } {
  const key = (u: SourceUnitLike) => `${u.departmentId}:${u.role}`;
  const cur = new Set(current.map(key));
  const src = new Set(source.map(key));
  return {
    onlyInText: source.filter((u) => !cur.has(key(u))),
    onlyAssigned: current.filter((u) => !src.has(key(u))),
  };
}
