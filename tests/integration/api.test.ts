/**
 * The REST API (/api/v1) against a real PostgreSQL with the imported documents: route handlers called
 * directly with real API tokens. Authentication, filters and paging, explicit response shapes, 404/422,
 * cross-department authorization with nothing written, the version guard (409 keeps both texts), and
 * the review cycle.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import * as api from "../../lib/api/schemas";
import { shanghaiDate } from "../../lib/domain/periods";
import { TASK_STATES, taskState } from "../../lib/domain/task-state";
import type { RoleName } from "../../lib/server/auth/actor";
import { ensurePeriodsOnStart } from "../../seed/seed";
import { makeActor, setUpIntegrationDatabase } from "../support/integration";
import { streamedBody, streamedRequest } from "../support/streamed-body";

type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
interface Reply {
  status: number;
  body: unknown;
}
type ErrorReply = z.output<typeof api.errorResponse>["error"] & { submitted?: Record<string, unknown> };

const db = setUpIntegrationDatabase({ documents: "all" });
let routes: {
  tasks: Handler;
  task: Handler;
  updates: { GET: Handler; POST: Handler };
  reviews: Handler;
  departments: Handler;
  department: Handler;
  documents: Handler;
  document: Handler;
  indicators: Handler;
  indicator: Handler;
  periods: Handler;
  unknown: Handler;
};
const secrets: Record<"editorA" | "editorB" | "viewer" | "reviewer", string> = {
  editorA: "",
  editorB: "",
  viewer: "",
  reviewer: "",
};
let departmentA: number;
let departmentB: number;
let taskOfA: number; // led by department A
let taskOfB: number; // led by B, A not assigned
let totalTasks: number;

async function call(
  handler: Handler,
  path: string,
  options: { token?: string; params?: Record<string, string>; method?: string; body?: unknown } = {},
): Promise<Reply> {
  const headers = new Headers();
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`http://localhost/api/v1${path}`, {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  return { status: response.status, body: (await response.json()) as unknown };
}

const errorOf = (reply: Reply) => (reply.body as { error: ErrorReply }).error;

// Refusals are audited as security events (lib/server/security-events.ts); they are not writes of data.
const writes = async () => ({
  updates: await db.prisma.taskUpdate.count(),
  audit: await db.prisma.auditLog.count({ where: { action: { not: "security.forbidden" } } }),
  comments: await db.prisma.comment.count(),
});
const refusalsRecorded = () => db.prisma.auditLog.count({ where: { action: "security.forbidden" } });

beforeAll(async () => {
  await ensurePeriodsOnStart(db.url); // as every start does: the current period has its row
  const p = db.prisma;
  departmentA = (await p.department.findUniqueOrThrow({ where: { name: "省大数据局" }, select: { id: true } })).id;
  taskOfA = (
    await p.task.findFirstOrThrow({
      where: {
        retiredAt: null,
        document: { slug: "work-points-2023" },
        assignments: { some: { departmentId: departmentA, role: "LEAD" } },
      },
      orderBy: { ordinal: "asc" },
      select: { id: true },
    })
  ).id;
  const other = await p.taskAssignment.findFirstOrThrow({
    where: {
      role: "LEAD",
      department: { generic: false },
      departmentId: { not: departmentA },
      task: { retiredAt: null, assignments: { none: { departmentId: departmentA } } },
    },
    orderBy: { taskId: "asc" },
    select: { taskId: true, departmentId: true },
  });
  taskOfB = other.taskId;
  departmentB = other.departmentId;
  totalTasks = await p.task.count({ where: { retiredAt: null } });

  const { createApiToken } = await db.load(() => import("../../lib/server/api-tokens"));
  const makeToken = async (username: string, role: RoleName, departmentId: number | null) => {
    const actor = await makeActor(p, { username, displayName: `${username}用户`, role, department: departmentId });
    return (await createApiToken(actor, { name: `${username} 测试` })).secret;
  };
  secrets.editorA = await makeToken("editor-a", "DEPARTMENT_EDITOR", departmentA);
  secrets.editorB = await makeToken("editor-b", "DEPARTMENT_EDITOR", departmentB);
  secrets.viewer = await makeToken("viewer", "VIEWER", null);
  secrets.reviewer = await makeToken("reviewer", "REVIEWER", null);

  const updates = await db.load(() => import("../../app/api/v1/tasks/[id]/updates/route"));
  routes = {
    tasks: (await import("../../app/api/v1/tasks/route")).GET,
    task: (await import("../../app/api/v1/tasks/[id]/route")).GET,
    updates: { GET: updates.GET, POST: updates.POST },
    reviews: (await import("../../app/api/v1/tasks/[id]/reviews/route")).POST,
    departments: (await import("../../app/api/v1/departments/route")).GET,
    department: (await import("../../app/api/v1/departments/[id]/route")).GET,
    documents: (await import("../../app/api/v1/documents/route")).GET,
    document: (await import("../../app/api/v1/documents/[slug]/route")).GET,
    indicators: (await import("../../app/api/v1/indicators/route")).GET,
    indicator: (await import("../../app/api/v1/indicators/[id]/route")).GET,
    periods: (await import("../../app/api/v1/periods/route")).GET,
    unknown: (await import("../../app/api/v1/[...path]/route")).GET,
  };
});

describe("authentication", () => {
  it("answers 401 with the error shape without credentials or with an unknown or malformed token", async () => {
    const anonymous = await call(routes.tasks, "/tasks");
    expect(anonymous.status).toBe(401);
    expect(api.errorResponse.parse(anonymous.body).error.code).toBe("UNAUTHENTICATED");
    for (const token of ["dpt_" + "0".repeat(32), "not-a-token"]) {
      const reply = await call(routes.tasks, "/tasks", { token });
      expect(reply.status).toBe(401);
      expect(api.errorResponse.parse(reply.body).error.code).toBe("UNAUTHENTICATED");
    }
    const write = await call(routes.updates.POST, `/tasks/${taskOfA}/updates`, {
      token: "dpt_" + "0".repeat(32),
      params: { id: String(taskOfA) },
      body: {},
    });
    expect(write.status).toBe(401);
  });

  it("answers JSON 404 for an unknown API path once authenticated", async () => {
    const reply = await call(routes.unknown, "/nothing-here", { token: secrets.viewer, params: {} });
    expect(reply.status).toBe(404);
    expect(errorOf(reply).code).toBe("NOT_FOUND");
  });
});

describe("GET /api/v1/tasks", () => {
  const list = async (query: string, token = secrets.viewer) => {
    const reply = await call(routes.tasks, `/tasks${query}`, { token });
    expect(reply.status).toBe(200);
    return api.taskListResponse.parse(reply.body);
  };

  it("pages through every current task with explicit shapes", async () => {
    const first = await list("");
    expect(first).toMatchObject({ page: 1, pageSize: 20, total: totalTasks });
    expect(first.items).toHaveLength(20);
    const second = await list("?page=2&pageSize=20");
    expect(second.items.map((t) => t.id)).not.toContain(first.items[0]!.id);
    const big = await list("?pageSize=100");
    expect(big.items).toHaveLength(Math.min(100, totalTasks));
    const beyond = await list(`?page=${Math.ceil(totalTasks / 100) + 1}&pageSize=100`);
    expect(beyond).toMatchObject({ items: [], total: totalTasks });
    const item = first.items[0]!;
    expect(item.nextDueDate === null || /^\d{4}-\d{2}-\d{2}$/.test(item.nextDueDate)).toBe(true);
    expect(Object.keys(item.units)).toEqual(["lead", "responsible", "cooperating"]);
  });

  it("filters by document, department and role, status and overdue", async () => {
    const doc = await list("?document=work-points-2023&pageSize=100");
    const expected = await db.prisma.task.count({ where: { retiredAt: null, document: { slug: "work-points-2023" } } });
    expect(doc.total).toBe(expected);
    expect(doc.items.every((t) => t.document.slug === "work-points-2023")).toBe(true);

    const led = await list(`?department=${departmentA}&role=LEAD&pageSize=100`);
    expect(led.total).toBe(
      await db.prisma.task.count({
        where: { retiredAt: null, assignments: { some: { departmentId: departmentA, role: "LEAD" } } },
      }),
    );
    expect(led.items.every((t) => t.units.lead.some((u) => u.id === departmentA))).toBe(true);
    const any = await list(`?department=${departmentA}&pageSize=1`);
    expect(any.total).toBeGreaterThanOrEqual(led.total);

    const overdue = await list("?overdue=true&pageSize=100");
    const onTime = await list("?overdue=false&pageSize=100");
    expect(overdue.total + onTime.total).toBe(totalTasks);
    expect(overdue.items.every((t) => t.overdue)).toBe(true);
    expect(onTime.items.every((t) => !t.overdue)).toBe(true);

    // ?status= filters on the state today (lib/domain/task-state.ts), computed here from the rows.
    const today = shanghaiDate(new Date());
    const facts = await db.prisma.task.findMany({
      where: { retiredAt: null },
      select: { currentStatus: true, statusUpdatedAt: true, hasLead: true, deadline: true },
    });
    const expectedStates = facts.map((f) =>
      taskState(
        {
          reportedStatus: f.statusUpdatedAt ? f.currentStatus : null,
          hasLead: f.hasLead,
          deadline: f.deadline ? f.deadline.toISOString().slice(0, 10) : null,
        },
        today,
      ),
    );
    for (const state of TASK_STATES) {
      const page = await list(`?status=${state}&pageSize=100`);
      expect({ state, total: page.total }).toEqual({ state, total: expectedStates.filter((s) => s === state).length });
      expect(page.items.every((t) => t.status === state)).toBe(true);
    }
    // Nothing is reported yet: the plan's tasks have no unit, the work points' are past their deadline.
    expect((await list("?status=UNASSIGNED&pageSize=1")).total).toBeGreaterThan(0);
    expect((await list("?status=LAGGING&pageSize=1")).total).toBeGreaterThan(0);
    const lagging = await list("?status=LAGGING&pageSize=1");
    expect(lagging.items[0]).toMatchObject({ status: "LAGGING", reportedStatus: null, pastDue: true });
    expect(lagging.items[0]!.deadline! < today).toBe(true);
    expect((await list("?document=no-such-document")).total).toBe(0);
  });

  it("searches text case-insensitively with LIKE wildcards escaped", async () => {
    const rows = await db.prisma.task.findMany({
      where: { retiredAt: null },
      select: { text: true, title: true, number: true },
    });
    const matching = (q: string) =>
      rows.filter(
        (r) =>
          r.text.toLowerCase().includes(q.toLowerCase()) ||
          (r.title ?? "").toLowerCase().includes(q.toLowerCase()) ||
          r.number === q,
      ).length;
    for (const q of ["5g", "%", "_", "数据", "100%"]) {
      expect((await list(`?q=${encodeURIComponent(q)}&pageSize=1`)).total, q).toBe(matching(q));
    }
    expect(matching("%")).toBeGreaterThan(0);
    expect(matching("%")).toBeLessThan(totalTasks);
    expect((await list(`?q=${encodeURIComponent("\\")}`)).total).toBe(matching("\\"));
  });

  it("sorts by next due date", async () => {
    const due = await list("?sort=due&pageSize=100");
    const dates = due.items.map((t) => t.nextDueDate).filter((d): d is string => d !== null);
    expect(dates).toEqual([...dates].sort());
  });

  it("answers 422 with fieldErrors for bad query parameters", async () => {
    for (const [query, field] of [
      ["?pageSize=101", "pageSize"],
      ["?page=0", "page"],
      ["?sort=sideways", "sort"],
      ["?status=DONE", "status"],
      ["?role=BOSS", "role"],
      ["?overdue=maybe", "overdue"],
      ["?department=abc", "department"],
      [`?q=${"长".repeat(101)}`, "q"],
    ] as const) {
      const reply = await call(routes.tasks, `/tasks${query}`, { token: secrets.viewer });
      expect(reply.status, query).toBe(422);
      expect(Object.keys(errorOf(reply).fieldErrors ?? {}), query).toContain(field);
    }
  });
});

describe("single resources", () => {
  it("GET /tasks/{id}: units by role, milestones, indicators and source offsets", async () => {
    const reply = await call(routes.task, `/tasks/${taskOfA}`, {
      token: secrets.viewer,
      params: { id: String(taskOfA) },
    });
    expect(reply.status).toBe(200);
    const task = api.taskDetail.parse(reply.body);
    expect(task.units.lead.map((u) => u.id)).toContain(departmentA);
    const raw = await db.prisma.documentSourceFile.findFirstOrThrow({
      where: { fileName: task.source.fileName, document: { slug: task.document.slug } },
      select: { rawText: true },
    });
    expect(task.source.startOffset).toBeLessThan(task.source.endOffset);
    expect(task.source.endOffset).toBeLessThanOrEqual(raw.rawText.length);
    expect(task.source.href).toContain(`/documents/${task.document.slug}`);
    for (const m of task.milestones) expect(m.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("answers 404 for unknown ids and 422 for malformed ones", async () => {
    const viewer = secrets.viewer;
    const cases: [Handler, string, Record<string, string>][] = [
      [routes.task, "/tasks/999999", { id: "999999" }],
      [routes.updates.GET, "/tasks/999999/updates", { id: "999999" }],
      [routes.department, "/departments/999999", { id: "999999" }],
      [routes.document, "/documents/no-such-doc", { slug: "no-such-doc" }],
      [routes.indicator, "/indicators/999999", { id: "999999" }],
    ];
    for (const [handler, path, params] of cases) {
      const reply = await call(handler, path, { token: viewer, params });
      expect(reply.status, path).toBe(404);
      expect(errorOf(reply).code).toBe("NOT_FOUND");
    }
    const bad = await call(routes.task, "/tasks/abc", { token: viewer, params: { id: "abc" } });
    expect(bad.status).toBe(422);
    expect(errorOf(bad).fieldErrors).toHaveProperty("id");
    const badSlug = await call(routes.document, "/documents/Bad_Slug", { token: viewer, params: { slug: "Bad_Slug" } });
    expect(badSlug.status).toBe(422);
    const write = await call(routes.updates.POST, "/tasks/999999/updates", {
      token: secrets.editorA,
      params: { id: "999999" },
      body: { intent: "draft", expectedVersion: 0, status: "ON_TRACK", progress: 10, progressText: "x" },
    });
    expect(write.status).toBe(404);
  });

  it("departments, documents, indicators and periods", async () => {
    const token = secrets.viewer;
    const departments = api.departmentListResponse.parse(
      (await call(routes.departments, "/departments", { token })).body,
    );
    expect(departments.items.find((d) => d.id === departmentA)?.taskCounts.lead).toBeGreaterThan(0);
    const department = api.departmentDetail.parse(
      (await call(routes.department, `/departments/${departmentA}`, { token, params: { id: String(departmentA) } }))
        .body,
    );
    expect(department).toMatchObject({ name: "省大数据局", tasksHref: `/api/v1/tasks?department=${departmentA}` });

    const documents = api.documentListResponse.parse((await call(routes.documents, "/documents", { token })).body);
    expect(documents.items.map((d) => d.slug).sort()).toEqual(
      ["digital-government-scheme-2023", "plan-2021-2025", "work-points-2022", "work-points-2023"].sort(),
    );
    const document = api.documentDetail.parse(
      (await call(routes.document, "/documents/work-points-2023", { token, params: { slug: "work-points-2023" } }))
        .body,
    );
    expect(document.taskCount).toBe(documents.items.find((d) => d.slug === "work-points-2023")!.taskCount);
    expect(document.sections.length).toBeGreaterThan(0);
    expect(document).not.toHaveProperty("text");

    const indicators = api.indicatorListResponse.parse((await call(routes.indicators, "/indicators", { token })).body);
    const withTargets = indicators.items.find((i) => i.targetCount > 0)!;
    const indicator = api.indicatorDetail.parse(
      (await call(routes.indicator, `/indicators/${withTargets.id}`, { token, params: { id: String(withTargets.id) } }))
        .body,
    );
    expect(typeof indicator.targets[0]!.value).toBe("number");
    expect(indicator.targets[0]!.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const periods = api.periodListResponse.parse((await call(routes.periods, "/periods", { token })).body);
    expect(periods.items.filter((p) => p.current)).toEqual([periods.current]);
    const badYear = await call(routes.periods, "/periods?year=abc", { token });
    expect(badYear.status).toBe(422);
  });
});

describe("the update cycle through the API", () => {
  const post = (token: string, taskId: number, body: unknown, kind: "updates" | "reviews" = "updates") =>
    call(kind === "updates" ? routes.updates.POST : routes.reviews, `/tasks/${taskId}/${kind}`, {
      token,
      params: { id: String(taskId) },
      body,
    });
  const draft = (text: string, expectedVersion: number) => ({
    intent: "draft",
    expectedVersion,
    status: "ON_TRACK",
    progress: 40,
    progressText: text,
  });

  it("an editor of department B gets 403 on A's task, a viewer writes nothing, and nothing is written", async () => {
    const before = await writes();
    const refusalsBefore = await refusalsRecorded();
    const cross = await post(secrets.editorB, taskOfA, draft("越权填报", 0));
    expect(cross.status).toBe(403);
    expect(errorOf(cross).code).toBe("FORBIDDEN");
    const crossBack = await post(secrets.editorA, taskOfB, draft("越权填报", 0));
    expect(crossBack.status).toBe(403);
    const viewer = await post(secrets.viewer, taskOfA, draft("只读用户", 0));
    expect(viewer.status).toBe(403);
    const viewerReview = await post(
      secrets.viewer,
      taskOfA,
      { periodId: 1, departmentId: departmentA, expectedVersion: 1, decision: "approve" },
      "reviews",
    );
    expect(viewerReview.status).toBe(403);
    expect(await writes()).toEqual(before);
    expect(await refusalsRecorded()).toBe(refusalsBefore + 4);
  });

  it("a JSON body sent chunked, without Content-Length, is cut off at 256 KB (413), not buffered whole", async () => {
    const before = await writes();
    const body = streamedBody(32 * 1024 * 1024, 16 * 1024);
    const response = await routes.updates.POST(
      streamedRequest(`http://localhost/api/v1/tasks/${taskOfA}/updates`, body.stream, {
        authorization: `Bearer ${secrets.editorA}`,
        "content-type": "application/json",
      }),
      { params: Promise.resolve({ id: String(taskOfA) }) },
    );
    expect(response.status).toBe(413);
    expect(body.pulled.bytes).toBeGreaterThan(256 * 1024);
    expect(body.pulled.bytes).toBeLessThanOrEqual(256 * 1024 + body.chunkBytes);
    expect(await writes()).toEqual(before);
  });

  it("never takes the task or the department from the body", async () => {
    const before = await writes();
    for (const extra of [{ departmentId: departmentA }, { taskId: taskOfA }]) {
      // B's editor naming A's department (or A's task) in the body is refused outright.
      const reply = await post(secrets.editorB, taskOfB, { ...draft("夹带字段", 0), ...extra });
      expect(reply.status).toBe(422);
      expect(JSON.stringify(errorOf(reply).fieldErrors)).toContain(Object.keys(extra)[0]!);
    }
    expect(await writes()).toEqual(before);
    const bad = await post(secrets.editorA, taskOfA, { ...draft("", 0), progress: 150 });
    expect(bad.status).toBe(422);
    expect(errorOf(bad).fieldErrors).toHaveProperty("progress");
    expect(await writes()).toEqual(before);
  });

  it("saves a draft (201); a stale version gets 409 with the current state, and both texts stay recoverable", async () => {
    const first = await post(secrets.editorA, taskOfA, draft("第一稿：已完成平台部署。", 0));
    expect(first.status).toBe(201);
    const saved = api.taskUpdate.parse(first.body);
    expect(saved).toMatchObject({ version: 1, reviewState: "DRAFT", departmentId: departmentA, taskId: taskOfA });

    const before = await writes();
    const stale = await post(secrets.editorA, taskOfA, draft("第二稿：基于旧版本的修改。", 0));
    expect(stale.status).toBe(409);
    const conflict = api.conflictResponse.parse(stale.body).error;
    expect(conflict.current).toMatchObject({ version: 1, progressText: "第一稿：已完成平台部署。" });
    expect(conflict.submitted).toMatchObject({ progressText: "第二稿：基于旧版本的修改。", expectedVersion: 0 });
    // No report row is written; the rejected text is also kept server-side, in the audit log.
    const after = await writes();
    expect(after.updates).toBe(before.updates);
    const kept = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "task_update.conflict" },
      orderBy: { id: "desc" },
      select: { after: true },
    });
    expect(JSON.stringify(kept.after)).toContain("第二稿：基于旧版本的修改。");

    const timeline = api.timelineResponse.parse(
      (
        await call(routes.updates.GET, `/tasks/${taskOfA}/updates`, {
          token: secrets.viewer,
          params: { id: String(taskOfA) },
        })
      ).body,
    );
    const texts = timeline.items.flatMap((e) => (e.type === "update" ? [e.update.progressText] : []));
    expect(texts).toEqual(["第一稿：已完成平台部署。"]);
  });

  it("reviewers return (with a comment) and approve; approval moves the task's status", async () => {
    const latest = await db.prisma.taskUpdate.findFirstOrThrow({
      where: { taskId: taskOfA, departmentId: departmentA },
      orderBy: { version: "desc" },
      select: { version: true, periodId: true },
    });
    const submit = (expectedVersion: number) =>
      post(secrets.editorA, taskOfA, {
        ...draft("本期完成数据共享平台升级。", expectedVersion),
        intent: "submit",
        progress: 60,
      });
    const submitted = await submit(latest.version);
    expect(submitted.status).toBe(201);
    expect(api.taskUpdate.parse(submitted.body).reviewState).toBe("SUBMITTED");

    const review = (token: string, expectedVersion: number, decision: "approve" | "return", comment?: string) =>
      post(
        token,
        taskOfA,
        { periodId: latest.periodId, departmentId: departmentA, expectedVersion, decision, comment },
        "reviews",
      );

    expect((await review(secrets.editorA, latest.version + 1, "approve")).status).toBe(403);
    const noComment = await review(secrets.reviewer, latest.version + 1, "return");
    expect(noComment.status).toBe(422);
    expect(errorOf(noComment).fieldErrors).toHaveProperty("comment");

    const returned = await review(secrets.reviewer, latest.version + 1, "return", "请补充佐证材料。");
    expect(returned.status).toBe(201);
    expect(api.taskUpdate.parse(returned.body)).toMatchObject({
      reviewState: "RETURNED",
      reviewComment: "请补充佐证材料。",
    });
    const staleReview = await review(secrets.reviewer, latest.version + 1, "approve");
    expect(staleReview.status).toBe(409);

    const resubmitted = await submit(latest.version + 2);
    expect(resubmitted.status).toBe(201);
    const approved = await review(secrets.reviewer, latest.version + 3, "approve");
    expect(approved.status).toBe(201);
    expect(api.taskUpdate.parse(approved.body)).toMatchObject({ reviewState: "APPROVED", version: latest.version + 4 });

    const task = api.taskDetail.parse(
      (await call(routes.task, `/tasks/${taskOfA}`, { token: secrets.viewer, params: { id: String(taskOfA) } })).body,
    );
    // The report says 按计划推进; the task's state also weighs its deadline (2023 work points: long past).
    const today = shanghaiDate(new Date());
    const expected = taskState({ reportedStatus: "ON_TRACK", hasLead: true, deadline: task.deadline }, today);
    expect(task).toMatchObject({ status: expected, reportedStatus: "ON_TRACK", progress: 60 });
    expect(task.pastDue).toBe(task.deadline !== null && task.deadline < today);
    expect(task.statusUpdatedAt).not.toBeNull();
    // The old spelling ?status=LAGGING (or ON_TRACK) still filters, on the state.
    const listed = api.taskListResponse.parse(
      (
        await call(routes.tasks, `/tasks?status=${expected}&pageSize=100&document=work-points-2023`, {
          token: secrets.viewer,
        })
      ).body,
    );
    const item = listed.items.find((t) => t.id === taskOfA);
    expect(item).toMatchObject({ status: expected, reportedStatus: "ON_TRACK", deadline: task.deadline });
  });
});
