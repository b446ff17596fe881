/**
 * Re-imports respect people's decisions (issue 15, item 3): on a real PostgreSQL and a private copy of
 * seed/documents, a reviewer assigns tasks, then the documents are imported again — unchanged, then with a
 * revised unit list. The decided assignment and the assigned deadline stay; task_source_unit follows the
 * text; the import result (and its audit entry) lists where the text now disagrees.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as AssignmentsModule from "../../lib/server/assignments";
import { DOCUMENTS_DIR, importDocuments, loadManifest } from "../../seed/import";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";

const db = setUpIntegrationDatabase();
let dir: string;
let assignments: typeof AssignmentsModule;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "dpt-docs-"));
  for (const entry of loadManifest()) {
    for (const file of entry.sourceFiles) copyFileSync(path.join(DOCUMENTS_DIR, file.file), path.join(dir, file.file));
  }
  copyFileSync(path.join(DOCUMENTS_DIR, "manifest.json"), path.join(dir, "manifest.json"));
  await importDocuments(db.prisma, { dir });
  assignments = await db.load(() => import("../../lib/server/assignments"));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const units = (rows: { departmentId: number; role: string }[]) => rows.map((r) => `${r.departmentId}:${r.role}`).sort();

describe("re-importing after an assignment", () => {
  it("keeps the decided assignment and the assigned deadline, and reports the text's disagreement", async () => {
    const p = db.prisma;
    const reviewer = await makeActor(p, { role: "REVIEWER" });
    const bureau = await p.department.findUniqueOrThrow({ where: { name: "省大数据局" } });
    const industry = await p.department.findUniqueOrThrow({ where: { name: "省工业和信息化厅" } });

    // A work-points task whose text names a lead but neither unit, and a plan task whose text names none.
    const wp = await p.task.findFirstOrThrow({
      where: {
        document: { slug: "work-points-2023" },
        unitsStartOffset: { not: null },
        sourceUnits: { some: { role: "LEAD" }, none: { departmentId: { in: [bureau.id, industry.id] } } },
      },
      orderBy: { ordinal: "asc" },
      select: {
        id: true,
        key: true,
        unitsStartOffset: true,
        unitsEndOffset: true,
        unitsSourceFile: { select: { fileName: true, rawText: true } },
        sourceUnits: { select: { departmentId: true, role: true, rawName: true } },
      },
    });
    const plan = await p.task.findFirstOrThrow({
      where: { document: { slug: "plan-2021-2025" }, assignments: { none: {} }, milestones: { none: {} } },
      orderBy: { ordinal: "asc" },
      select: { id: true },
    });
    const tx = (taskId: number, input: AssignmentsModule.AssignmentInput, effectiveDate: string) =>
      p.$transaction((t) =>
        assignments.applyAssignment(t, taskId, input, {
          actorId: reviewer.id,
          note: "分工方案",
          effectiveDate,
          channel: "BROWSER",
          today: "2024-03-15",
        }),
      );
    await tx(wp.id, { lead: [bureau.id], responsible: [], cooperating: [] }, "2023-06-01");
    await tx(plan.id, { lead: [industry.id], responsible: [], cooperating: [], deadline: "2025-06-30" }, "2024-03-01");
    const decidedWp = units(await p.taskAssignment.findMany({ where: { taskId: wp.id } }));
    const decidedPlan = units(await p.taskAssignment.findMany({ where: { taskId: plan.id } }));

    // 1. The same text again (forced): nothing about the decisions moves.
    const first = await importDocuments(p, { dir, force: true });
    expect(units(await p.taskAssignment.findMany({ where: { taskId: wp.id } }))).toEqual(decidedWp);
    expect(units(await p.taskAssignment.findMany({ where: { taskId: plan.id } }))).toEqual(decidedPlan);
    const planRow = await p.task.findUniqueOrThrow({
      where: { id: plan.id },
      select: { deadline: true, hasLead: true },
    });
    expect(planRow.deadline?.toISOString().slice(0, 10)).toBe("2025-06-30");
    expect(planRow.hasLead).toBe(true);
    expect(await p.milestone.count({ where: { taskId: plan.id, retiredAt: null } })).toBe(1);
    // The text still names its own lead: reported as a disagreement, assignment kept.
    const wpResult = first.find((r) => r.slug === "work-points-2023")!;
    const reported = wpResult.assignmentDisagreements.find((d) => d.taskId === wp.id);
    expect(reported).toBeDefined();
    expect(reported!.onlyAssigned).toEqual([{ departmentId: bureau.id, name: "省大数据局", role: "LEAD" }]);
    // Every unit the text names is now only in the text (the reviewer's assignment names the bureau alone).
    expect(units(reported!.onlyInText)).toEqual(units(wp.sourceUnits));
    // Undecided tasks never appear.
    expect(first.flatMap((r) => r.assignmentDisagreements).every((d) => [wp.id].includes(d.taskId))).toBe(true);

    // 2. A revised unit list: the text now names 省工业和信息化厅 where it named the old lead.
    const oldLead = wp.sourceUnits.find((u) => u.role === "LEAD")!;
    const file = path.join(dir, wp.unitsSourceFile!.fileName);
    const raw = readFileSync(file, "utf8");
    const span = raw.slice(wp.unitsStartOffset!, wp.unitsEndOffset!);
    // The unit list may stand in the traditional copy: replace the first lead, whatever script it is in.
    const firstLead = /((?:牽頭單位|牵头单位)[:：])([^、,，)）]+)/;
    expect(span).toMatch(firstLead);
    const revised = span.replace(firstLead, "$1省工業和信息化廳");
    writeFileSync(file, raw.slice(0, wp.unitsStartOffset!) + revised + raw.slice(wp.unitsEndOffset!));
    const second = await importDocuments(p, { dir });
    expect(units(await p.taskAssignment.findMany({ where: { taskId: wp.id } }))).toEqual(decidedWp);
    const source = await p.taskSourceUnit.findMany({ where: { taskId: wp.id, role: "LEAD" } });
    expect(source.map((s) => s.departmentId)).toContain(industry.id);
    expect(source.map((s) => s.departmentId)).not.toContain(oldLead.departmentId);
    const again = second
      .find((r) => r.slug === "work-points-2023")!
      .assignmentDisagreements.find((d) => d.taskId === wp.id);
    expect(again!.onlyInText.map((u) => u.name)).toContain("省工业和信息化厅");
    const audit = await p.auditLog.findFirstOrThrow({
      where: { action: "document.reimport", entityId: "work-points-2023" },
      orderBy: { id: "desc" },
    });
    expect(JSON.stringify(audit.after)).toContain("省工业和信息化厅");
    // The history is the reviewer's change only: an import never writes one.
    expect(await p.taskAssignmentChange.count({ where: { taskId: wp.id } })).toBe(1);
  });
});
