/**
 * A task's report history shows each version as it was: its own review state, who wrote it (display
 * name) and the status and progress it reported. Real PostgreSQL; the history is read as the task page
 * reads it (listTaskTimeline) and rendered with the page's own Timeline component.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { Timeline } from "../../components/updates/timeline";
import { createTranslator } from "../../lib/i18n/catalogue";
import type { Actor } from "../../lib/server/auth/actor";
import type * as TaskUpdatesModule from "../../lib/server/task-updates";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";

const NOW = new Date("2023-05-10T02:00:00Z"); // period 2023-P3

const db = setUpIntegrationDatabase({ documents: ["work-points-2023"] });
let updates: typeof TaskUpdatesModule;
let taskId: number;
let editor: Actor;
let reviewer: Actor;

beforeAll(async () => {
  updates = await db.load(() => import("../../lib/server/task-updates"));
  taskId = (await db.prisma.task.findUniqueOrThrow({ where: { key: "work-points-2023#12" } })).id;
  editor = await makeActor(db.prisma, {
    username: "miit-zhang",
    displayName: "张工信",
    role: "DEPARTMENT_EDITOR",
    department: "省工业和信息化厅",
  });
  reviewer = await makeActor(db.prisma, { username: "reviewer-li", displayName: "李审核", role: "REVIEWER" });

  // v1 draft → v2 submitted → v3 returned → v4 resubmitted → v5 approved.
  const report = (intent: "draft" | "submit", expectedVersion: number, progress: number, status = "ON_TRACK") =>
    updates.saveTaskUpdate(
      editor,
      {
        taskId,
        intent,
        expectedVersion,
        status: status as "ON_TRACK",
        progress,
        progressText: `已建成种子工厂${progress}个`,
        problems: "",
        nextSteps: "",
      },
      NOW,
    );
  const v2 = (await report("draft", 0, 10, "NOT_STARTED"), await report("submit", 1, 30));
  const ref = { taskId, periodId: v2.update.periodId, departmentId: editor.departmentId! };
  await updates.reviewTaskUpdate(reviewer, { ...ref, expectedVersion: 2, decision: "return", comment: "请补充名单" });
  await report("submit", 3, 45, "AT_RISK");
  await updates.reviewTaskUpdate(reviewer, { ...ref, expectedVersion: 4, decision: "approve" });
}, 120_000);

/** Each version row of the rendered history: its data attributes and visible text. */
function renderedRows(html: string) {
  return [...html.matchAll(/<li[^>]*data-testid="timeline-update"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => {
    const attrs = m[0].slice(0, m[0].indexOf(">"));
    const text = m[1]!
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    return { version: Number(/data-version="(\d+)"/.exec(attrs)?.[1]), text };
  });
}

describe("the report history on a task's page", () => {
  it("reads each version's own state, author, status and progress", async () => {
    const timeline = await updates.listTaskTimeline(taskId);
    const rows = timeline.flatMap((e) => (e.update ? [e.update] : []));
    expect(rows.map((u) => [u.version, u.reviewState, u.author, u.status, u.progress])).toEqual([
      [5, "APPROVED", "李审核", "AT_RISK", 45],
      [4, "SUBMITTED", "张工信", "AT_RISK", 45],
      [3, "RETURNED", "李审核", "ON_TRACK", 30],
      [2, "SUBMITTED", "张工信", "ON_TRACK", 30],
      [1, "DRAFT", "张工信", "NOT_STARTED", 10],
    ]);
  });

  it("renders each version with the label of its own state (zh-CN), never the thread's latest or first", async () => {
    const html = renderToStaticMarkup(
      Timeline({ entries: await updates.listTaskTimeline(taskId), locale: "zh-CN", t: createTranslator("zh-CN") }),
    );
    const rows = renderedRows(html);
    expect(rows.map((r) => r.version)).toEqual([5, 4, 3, 2, 1]);
    const expected: Record<number, { state: string; who: string; status: string }> = {
      5: { state: "已通过", who: "审核：李审核", status: "存在风险 · 45%" },
      4: { state: "已提交", who: "填报：张工信（省工业和信息化厅）", status: "存在风险 · 45%" },
      3: { state: "已退回", who: "审核：李审核", status: "按计划推进 · 30%" },
      2: { state: "已提交", who: "填报：张工信（省工业和信息化厅）", status: "按计划推进 · 30%" },
      1: { state: "草稿", who: "填报：张工信（省工业和信息化厅）", status: "未启动 · 10%" },
    };
    for (const row of rows) {
      const want = expected[row.version]!;
      expect(row.text.startsWith(want.state), `v${row.version}: ${row.text}`).toBe(true);
      expect(row.text, `v${row.version}`).toContain(want.who);
      expect(row.text, `v${row.version}`).toContain(want.status);
      // A reviewed submission is not "awaiting review" any more; no version reads another's state.
      expect(row.text, `v${row.version}`).not.toContain("待审核");
    }
    // Usernames are not shown: the display name is.
    expect(html).not.toContain("miit-zhang");
    expect(html).not.toContain("reviewer-li");
  });

  it("a submission still awaiting review says so, in its own row only", async () => {
    const other = await db.prisma.task.findUniqueOrThrow({ where: { key: "work-points-2023#13" } });
    const lead = await db.prisma.taskAssignment.findFirstOrThrow({
      where: { taskId: other.id, role: "LEAD" },
      select: { department: { select: { name: true } } },
    });
    const author = await makeActor(db.prisma, {
      displayName: "王填报",
      role: "DEPARTMENT_EDITOR",
      department: lead.department.name,
    });
    const input = {
      taskId: other.id,
      status: "ON_TRACK" as const,
      progress: 20,
      progressText: "推进中",
      problems: "",
      nextSteps: "",
    };
    await updates.saveTaskUpdate(author, { ...input, intent: "draft", expectedVersion: 0 }, NOW);
    await updates.saveTaskUpdate(author, { ...input, intent: "submit", expectedVersion: 1 }, NOW);
    const html = renderToStaticMarkup(
      Timeline({ entries: await updates.listTaskTimeline(other.id), locale: "zh-CN", t: createTranslator("zh-CN") }),
    );
    const rows = renderedRows(html);
    expect(rows.map((r) => [r.version, r.text.split(" ")[0]])).toEqual([
      [2, "已提交待审核"],
      [1, "草稿"],
    ]);
  });
});
