/**
 * The importer against a real PostgreSQL: what lands in the database, idempotency, preservation of
 * user data across a re-import of a revised document, and all-or-nothing behaviour on bad input.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IngestError } from "../../lib/ingest";
import { DOCUMENTS_DIR, ImportError, importDocuments, loadManifest } from "../../seed/import";
import { prng } from "../../seed/sample";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { encodeGbk } from "../support/gbk";

async function tableCounts(db: TestDatabase): Promise<Record<string, number>> {
  const p = db.prisma;
  const counters = {
    documents: () => p.document.count(),
    sourceFiles: () => p.documentSourceFile.count(),
    sections: () => p.section.count(),
    tasks: () => p.task.count(),
    assignments: () => p.taskAssignment.count(),
    milestones: () => p.milestone.count(),
    departments: () => p.department.count(),
    aliases: () => p.departmentAlias.count(),
    indicators: () => p.indicator.count(),
    targets: () => p.indicatorTarget.count(),
    baselines: () => p.indicatorBaseline.count(),
    audit: () => p.auditLog.count(),
  };
  const entries = await Promise.all(
    Object.entries(counters).map(async ([name, count]) => [name, await count()] as const),
  );
  return Object.fromEntries(entries);
}

/** A copy of seed/documents to revise or break, with its manifest. */
function copyDocuments(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "dpt-docs-"));
  for (const entry of loadManifest()) {
    for (const file of entry.sourceFiles) copyFileSync(path.join(DOCUMENTS_DIR, file.file), path.join(dir, file.file));
  }
  copyFileSync(path.join(DOCUMENTS_DIR, "manifest.json"), path.join(dir, "manifest.json"));
  return dir;
}

/**
 * A fresh database holding the documents imported from a private copy of seed/documents, which the
 * tests in the calling describe block may revise. Registers its own set-up and clean-up.
 */
function useImportedCopy(): { readonly db: TestDatabase; readonly dir: string } {
  const state = {} as { db: TestDatabase; dir: string };
  beforeAll(async () => {
    state.db = await createTestDatabase();
    state.dir = copyDocuments();
    await importDocuments(state.db.prisma, { dir: state.dir });
  }, 120_000);
  afterAll(async () => {
    rmSync(state.dir, { recursive: true, force: true });
    await state.db.drop();
  });
  return state;
}

describe("importing the seed documents", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await importDocuments(db.prisma);
  }, 120_000);
  afterAll(async () => db.drop());

  it("imports the four documents with their tasks, units and provenance", async () => {
    const documents = await db.prisma.document.findMany({
      orderBy: { slug: "asc" },
      select: { slug: true, _count: { select: { tasks: true, sourceFiles: true } } },
    });
    expect(documents.map((d) => d.slug)).toEqual([
      "digital-government-scheme-2023",
      "plan-2021-2025",
      "work-points-2022",
      "work-points-2023",
    ]);
    const byslug = Object.fromEntries(documents.map((d) => [d.slug, d._count]));
    expect(byslug["work-points-2022"]).toEqual({ tasks: 21, sourceFiles: 2 });
    expect(byslug["work-points-2023"]?.tasks).toBe(46);

    // 2023 task 12: lead 省工业和信息化厅, responsible the generic 省政府有关部门.
    const task = await db.prisma.task.findUniqueOrThrow({
      where: { key: "work-points-2023#12" },
      select: {
        text: true,
        startOffset: true,
        endOffset: true,
        sourceFile: { select: { rawText: true, fileName: true } },
        assignments: { select: { role: true, rawName: true, department: { select: { name: true, generic: true } } } },
      },
    });
    expect(task.assignments).toEqual(
      expect.arrayContaining([
        { role: "LEAD", rawName: "省工业和信息化厅", department: { name: "省工业和信息化厅", generic: false } },
        { role: "RESPONSIBLE", rawName: "省政府有关部门", department: { name: "省政府有关部门", generic: true } },
      ]),
    );
    // Offsets index the raw file: the span holds the original (traditional, glossed) text of the task.
    const span = task.sourceFile.rawText.slice(task.startOffset, task.endOffset);
    expect(span).toContain("5G");
    expect(task.sourceFile.fileName).toBe("2023-work-points.txt");
    expect(task.text).toContain("5G全连接种子工厂");
  });

  it("assembles the 2022 work points: units for tasks 10–18 from the traditional copy, none for 1–9", async () => {
    const tasks = await db.prisma.task.findMany({
      where: { document: { slug: "work-points-2022" }, kind: "TASK" },
      orderBy: { ordinal: "asc" },
      select: {
        number: true,
        unitsSourceFile: { select: { fileName: true } },
        _count: { select: { assignments: true } },
      },
    });
    expect(tasks).toHaveLength(18);
    for (const task of tasks) {
      const n = Number(task.number);
      if (n <= 9) {
        expect(task._count.assignments, `task ${n}`).toBe(0);
        expect(task.unitsSourceFile).toBeNull();
      } else {
        expect(task._count.assignments, `task ${n}`).toBeGreaterThan(0);
        expect(task.unitsSourceFile?.fileName).toBe("2022-work-points-partial-traditional.txt");
      }
    }
  });

  it("keeps one canonical department with its simplified, traditional and prefixed aliases", async () => {
    const bureau = await db.prisma.department.findUniqueOrThrow({
      where: { name: "省大数据局" },
      select: { aliases: { select: { alias: true } }, _count: { select: { assignments: true } } },
    });
    const aliases = bureau.aliases.map((a) => a.alias);
    expect(aliases).toEqual(expect.arrayContaining(["山东省大数据局", "省大數據局", "山東省大數據局"]));
    expect(bureau._count.assignments).toBeGreaterThan(10);
    expect(await db.prisma.department.count({ where: { name: { contains: "大數據" } } })).toBe(0);
  });

  it("links the 5G base-station baseline and targets across documents to one indicator", async () => {
    const indicator = await db.prisma.indicator.findUniqueOrThrow({
      where: { key: "5g-base-stations" },
      select: {
        baselines: { select: { normalizedValue: true, asOf: true, document: { select: { slug: true } } } },
        targets: {
          orderBy: { dueDate: "asc" },
          select: { normalizedValue: true, comparator: true, quote: true, document: { select: { slug: true } } },
        },
      },
    });
    expect(
      indicator.baselines.map((b) => [b.document?.slug, Number(b.normalizedValue), b.asOf.toISOString().slice(0, 10)]),
    ).toContainEqual(["plan-2021-2025", 51000, "2020-12-31"]);
    const targets = indicator.targets.map((t) => [t.document.slug, Number(t.normalizedValue), t.comparator]);
    expect(targets).toContainEqual(["work-points-2022", 160000, "EQ"]);
    expect(targets).toContainEqual(["work-points-2023", 200000, "GTE"]);
  });

  it("records every target's quote at its offsets in the raw source file", async () => {
    const targets = await db.prisma.indicatorTarget.findMany({
      select: { quote: true, startOffset: true, endOffset: true, sourceFile: { select: { rawText: true } } },
    });
    expect(targets.length).toBeGreaterThan(50);
    for (const target of targets) {
      const raw = target.sourceFile.rawText.slice(target.startOffset, target.endOffset);
      expect(raw.length).toBeGreaterThan(0);
      // The raw span may be traditional or carry glosses; its digits must match the quote's.
      expect(raw.replace(/\D/g, "")).toBe(target.quote.replace(/\D/g, ""));
    }
  });

  it("is idempotent: a second run changes nothing, a forced run keeps every id", async () => {
    const before = await tableCounts(db);
    const ids = (await db.prisma.task.findMany({ select: { id: true, key: true }, orderBy: { key: "asc" } })).map(
      (t) => `${t.id}:${t.key}`,
    );
    const second = await importDocuments(db.prisma);
    expect(second.map((r) => r.status)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
    expect(await tableCounts(db)).toEqual(before);

    const forced = await importDocuments(db.prisma, { force: true });
    expect(forced.every((r) => r.status === "updated")).toBe(true);
    const after = await tableCounts(db);
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect(after.audit).toBe((before.audit ?? 0) + 4); // one audit entry per re-imported document
    const idsAfter = (await db.prisma.task.findMany({ select: { id: true, key: true }, orderBy: { key: "asc" } })).map(
      (t) => `${t.id}:${t.key}`,
    );
    expect(idsAfter).toEqual(ids);
  });
});

describe("re-importing a revised document", () => {
  const copy = useImportedCopy();

  it("updates text and offsets, retires vanished tasks, and keeps all user data", async () => {
    const p = copy.db.prisma;
    const task = await p.task.findUniqueOrThrow({
      where: { key: "work-points-2023#12" },
      select: { id: true, startOffset: true, milestones: { select: { id: true } } },
    });
    const lastTask = await p.task.findUniqueOrThrow({ where: { key: "work-points-2023#46" }, select: { id: true } });
    const department = await p.department.findUniqueOrThrow({ where: { name: "省工业和信息化厅" } });
    const user = await p.user.create({
      data: { username: "editor", displayName: "编辑", role: "DEPARTMENT_EDITOR", departmentId: department.id },
    });
    const period = await p.reportingPeriod.create({
      data: { year: 2023, index: 3, startDate: new Date("2023-05-01"), endDate: new Date("2023-06-30") },
    });
    const update = await p.taskUpdate.create({
      data: {
        taskId: task.id,
        periodId: period.id,
        departmentId: department.id,
        kind: "LEAD_REPORT",
        version: 1,
        reviewState: "SUBMITTED",
        status: "ON_TRACK",
        progress: 40,
        progressText: "已建成种子工厂20个",
        authorId: user.id,
      },
    });
    await p.comment.create({ data: { taskId: task.id, authorId: user.id, body: "请补充佐证材料" } });
    await p.evidence.create({
      data: { taskId: task.id, taskUpdateId: update.id, kind: "LINK", title: "通知", url: "https://example.gov.cn/a" },
    });
    const indicator = await p.indicator.findUniqueOrThrow({ where: { key: "5g-base-stations" } });
    await p.observation.create({
      data: {
        indicatorId: indicator.id,
        value: 18.5,
        normalizedValue: 185000,
        asOf: new Date("2023-06-30"),
        source: "DEPARTMENT_REPORT",
        enteredById: user.id,
      },
    });
    const lastUpdate = await p.taskUpdate.create({
      data: {
        taskId: lastTask.id,
        periodId: period.id,
        departmentId: department.id,
        kind: "LEAD_REPORT",
        version: 1,
        reviewState: "DRAFT",
        status: "NOT_STARTED",
        progress: 0,
        progressText: "草稿",
      },
    });

    // Revise the 2023 work points: a preamble shifts every offset; the last task (46) disappears.
    const file = path.join(copy.dir, "2023-work-points.txt");
    const original = readFileSync(file, "utf8");
    const cut = original.lastIndexOf("46.");
    expect(cut).toBeGreaterThan(0);
    writeFileSync(file, `（修订稿）\n${original.slice(0, cut)}`);

    const results = await importDocuments(p, { dir: copy.dir });
    expect(results.find((r) => r.slug === "work-points-2023")?.status).toBe("updated");
    expect(results.find((r) => r.slug === "work-points-2023")?.retiredTasks).toBe(1);

    const revised = await p.task.findUniqueOrThrow({
      where: { id: task.id },
      select: { startOffset: true, retiredAt: true },
    });
    expect(revised.startOffset).toBeGreaterThan(task.startOffset);
    expect(revised.retiredAt).toBeNull();
    const retired = await p.task.findUniqueOrThrow({ where: { id: lastTask.id }, select: { retiredAt: true } });
    expect(retired.retiredAt).toBeInstanceOf(Date);

    expect(await p.taskUpdate.findUnique({ where: { id: update.id }, select: { progressText: true } })).toEqual({
      progressText: "已建成种子工厂20个",
    });
    expect(await p.taskUpdate.findUnique({ where: { id: lastUpdate.id }, select: { id: true } })).not.toBeNull();
    expect(await p.comment.count({ where: { taskId: task.id } })).toBe(1);
    expect(await p.evidence.count({ where: { taskId: task.id } })).toBe(1);
    expect(await p.observation.count({ where: { indicatorId: indicator.id } })).toBe(1);
  });
});

describe("milestones across a revision", () => {
  const copy = useImportedCopy();

  it("a milestone inserted before another does not move recorded completions", async () => {
    const p = copy.db.prisma;
    const task = await p.task.findFirstOrThrow({
      where: { document: { slug: "work-points-2023" }, milestones: { some: {} } },
      orderBy: { ordinal: "asc" },
      select: { id: true, startOffset: true, milestones: { select: { id: true, text: true, dueDate: true } } },
    });
    const [first] = task.milestones;
    await p.milestone.update({ where: { id: first!.id }, data: { completedDate: new Date("2023-11-30T00:00:00Z") } });

    // The revision adds a mid-year milestone at the start of the task's text.
    const file = path.join(copy.dir, "2023-work-points.txt");
    const raw = readFileSync(file, "utf8");
    const at = raw.indexOf("。", task.startOffset) + 1;
    writeFileSync(file, `${raw.slice(0, at)}2023年6月底前,完成试点方案编制。${raw.slice(at)}`);
    await importDocuments(p, { dir: copy.dir, only: ["work-points-2023"] });

    const after = await p.milestone.findMany({
      where: { taskId: task.id, retiredAt: null },
      orderBy: { ordinal: "asc" },
      select: { id: true, text: true, dueDate: true, completedDate: true },
    });
    expect(after).toHaveLength(task.milestones.length + 1);
    expect(after[0]!.dueDate.toISOString().slice(0, 10)).toBe("2023-06-30");
    expect(after[0]!.completedDate).toBeNull();
    const kept = after.find((m) => m.id === first!.id);
    expect(kept?.text).toBe(first!.text);
    expect(kept?.completedDate?.toISOString().slice(0, 10)).toBe("2023-11-30");
  });
});

describe("a department an admin renamed", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await importDocuments(db.prisma);
  }, 120_000);
  afterAll(async () => db.drop());

  it("is found again through its old name on re-import, not recreated", async () => {
    const p = db.prisma;
    const bureau = await p.department.findUniqueOrThrow({
      where: { name: "省大数据局" },
      include: { _count: { select: { assignments: true } } },
    });
    // What the admin page does: rename, keeping the old name as an alias.
    await p.department.update({ where: { id: bureau.id }, data: { name: "山东省大数据局（更名）" } });
    await p.departmentAlias.create({ data: { departmentId: bureau.id, alias: "省大数据局" } });
    const departments = await p.department.count();

    await importDocuments(p, { force: true });
    expect(await p.department.count()).toBe(departments);
    expect(await p.department.findUnique({ where: { name: "省大数据局" } })).toBeNull();
    expect(await p.taskAssignment.count({ where: { departmentId: bureau.id } })).toBe(bureau._count.assignments);
  });
});

describe("indicators an admin merged, split or edited", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await importDocuments(db.prisma);
  }, 120_000);
  afterAll(async () => db.drop());

  it("keep the admin's decisions on re-import: no resurrection, no moving back, no overwriting", async () => {
    const p = db.prisma;
    const share = await p.indicator.findUniqueOrThrow({ where: { key: "pon-10g-port-share" } });
    const communities = await p.indicator.findUniqueOrThrow({ where: { key: "smart-communities" } });
    // What the admin pages do (lib/server/indicator-admin.ts), written directly: merge 省级行业平台 into
    // 省级工业互联网平台, split one of the smart-community targets off, relabel the port share.
    const platforms = await p.indicator.findUniqueOrThrow({ where: { key: "industrial-internet-platforms" } });
    const sector = await p.indicator.findUniqueOrThrow({ where: { key: "name:省级行业平台" } });
    await p.indicatorTarget.updateMany({ where: { indicatorId: sector.id }, data: { indicatorId: platforms.id } });
    await p.taskIndicator.deleteMany({ where: { indicatorId: sector.id } });
    await p.indicator.update({ where: { id: sector.id }, data: { mergedIntoId: platforms.id } });
    const moved = await p.indicatorTarget.findFirstOrThrow({
      where: { indicatorId: communities.id },
      orderBy: { id: "desc" },
    });
    const split = await p.indicator.create({
      data: { key: "smart-communities-split", name: "智慧社区（拆分）", unit: "个", area: "数字社会" },
    });
    await p.indicatorTarget.update({ where: { id: moved.id }, data: { indicatorId: split.id } });
    await p.indicator.update({ where: { id: share.id }, data: { name: "10G PON端口占比（改）", area: "数字生态" } });
    const placement = async () =>
      (await p.indicatorTarget.findMany({ select: { key: true, indicatorId: true }, orderBy: { key: "asc" } })).map(
        (t) => `${t.key}→${t.indicatorId}`,
      );
    const before = { placement: await placement(), indicators: await p.indicator.count() };

    await importDocuments(p, { force: true });
    expect({ placement: await placement(), indicators: await p.indicator.count() }).toEqual(before);
    expect(await p.indicatorTarget.count({ where: { indicatorId: sector.id } })).toBe(0);
    expect(await p.taskIndicator.count({ where: { indicatorId: sector.id } })).toBe(0);
    // Task links follow the targets where the admin put them.
    if (moved.taskId) {
      expect(await p.taskIndicator.count({ where: { indicatorId: split.id, taskId: moved.taskId } })).toBe(1);
    }
    expect(await p.indicator.findUniqueOrThrow({ where: { id: share.id } })).toMatchObject({
      name: "10G PON端口占比（改）",
      area: "数字生态",
    });
  });
});

describe("bad input never imports partly", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  async function expectNothingWritten(dir: string, error: new (...args: never[]) => Error, message: RegExp) {
    const before = await tableCounts(db);
    await expect(importDocuments(db.prisma, { dir })).rejects.toSatisfy(
      (e: unknown) => e instanceof error && message.test((e as Error).message),
    );
    expect(await tableCounts(db)).toEqual(before);
  }

  it.each([
    [
      "binary bytes",
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 0]),
      IngestError,
      /二进制|binary/,
    ],
    ["an empty file", new Uint8Array(), IngestError, /为空|empty/],
    [
      "a document with no numbered tasks",
      new TextEncoder().encode("关于做好数字强省建设工作的通知\n\n各市人民政府：\n\n现将有关事项通知如下。\n"),
      ImportError,
      /no numbered tasks/,
    ],
  ])("%s in one document: a clear error and nothing written", async (_label, bytes, error, message) => {
    const dir = copyDocuments();
    try {
      // The broken file is the LAST document's: the first three must not be written either.
      writeFileSync(path.join(dir, "2023-digital-government-scheme.md"), bytes);
      await expectNothingWritten(dir, error, message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a missing source file: a clear error and nothing written", async () => {
    const dir = copyDocuments();
    try {
      rmSync(path.join(dir, "2023-work-points.txt"));
      await expectNothingWritten(dir, ImportError, /2023-work-points\.txt/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a truncated document imports what it holds, and a GBK-encoded copy imports the same tasks", async () => {
    const dir = copyDocuments();
    try {
      const file = path.join(dir, "2023-work-points.txt");
      const text = readFileSync(file, "utf8");
      // GBK re-encoding of the 2023 work points (its glosses and traditional characters are all in GBK).
      writeFileSync(file, encodeGbk(text.slice(0, text.indexOf("20.")).replace(/[^\u0000-\uffff]/gu, "")));
      const results = await importDocuments(db.prisma, { dir, only: ["work-points-2023"] });
      expect(results[0]?.status).toBe("created");
      const file23 = await db.prisma.documentSourceFile.findFirstOrThrow({
        where: { fileName: "2023-work-points.txt" },
        select: { encoding: true },
      });
      expect(file23.encoding).toBe("gb18030");
      const numbers = (
        await db.prisma.task.findMany({ where: { document: { slug: "work-points-2023" } }, select: { number: true } })
      ).map((t) => Number(t.number));
      expect(Math.max(...numbers)).toBe(19);
      expect(numbers).toHaveLength(19);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the importer fed random bytes, truncated documents and wrong encodings", () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = copyDocuments();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  const target = "2023-digital-government-scheme.md"; // the last document: the others must not be written
  const original = readFileSync(path.join(DOCUMENTS_DIR, target));
  const text = original.toString("utf8");
  // Seeded, so a failure names an input that can be replayed.
  const next = prng(20_261_123);
  const inputs: [string, Uint8Array][] = [];
  for (let i = 0; i < 40; i++) {
    const bytes = new Uint8Array(Math.floor(next() * 4096));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(next() * 256);
    inputs.push([`random bytes #${i} (${bytes.length} B)`, bytes]);
  }
  for (let i = 0; i < 8; i++) {
    const at = Math.floor(next() * original.length);
    inputs.push([`truncated at byte ${at}`, original.subarray(0, at)]);
  }
  inputs.push(["UTF-16LE", new Uint8Array(Buffer.from(`\ufeff${text}`, "utf16le"))]);
  inputs.push(["UTF-16LE without a byte-order mark", new Uint8Array(Buffer.from(text, "utf16le"))]);
  inputs.push([
    "Latin-1 mojibake of the UTF-8 bytes",
    new Uint8Array(Buffer.from(original.toString("latin1"), "utf8")),
  ]);
  inputs.push(["every tenth byte flipped", original.map((b, i) => (i % 10 === 0 ? b ^ 0xff : b))]);

  it("either imports what it can read or stops with a clear error, writing nothing", async () => {
    const outcomes: Record<string, number> = {};
    for (const [label, bytes] of inputs) {
      writeFileSync(path.join(dir, target), bytes);
      const before = await tableCounts(db);
      try {
        await importDocuments(db.prisma, { dir });
        outcomes.imported = (outcomes.imported ?? 0) + 1;
      } catch (error) {
        // Only the importer's own, explained errors — never a crash from deeper down.
        expect(error instanceof IngestError || error instanceof ImportError, `${label}: ${String(error)}`).toBe(true);
        expect((error as Error).message.length, label).toBeGreaterThan(10);
        expect(await tableCounts(db), `${label}: nothing written`).toEqual(before);
        outcomes.refused = (outcomes.refused ?? 0) + 1;
      }
    }
    // Random bytes are never mistaken for a policy document.
    expect(outcomes.refused).toBeGreaterThanOrEqual(40);
  }, 120_000);
});
