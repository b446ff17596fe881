import "server-only";
/**
 * The importer's writes: one prepared (read, decoded, extracted) document into the database, in one
 * transaction with its audit entry. seed/import.ts prepares the documents and calls `writeDocuments`;
 * the rules (stable keys, retire instead of delete, skip unchanged) are described there.
 */
import * as OpenCC from "opencc-js";
import { ASSIGNED_DEADLINE_ORDINAL, sourceDisagreement } from "../domain/assignments";
import { utcDay, utcMidnight } from "../domain/dates";
import type { Db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import type { AssignmentRole, Comparator, DepartmentKind, SectionKind, TaskKind } from "../generated/prisma/enums";
import { isGenericUnit, type IngestProfile, type Extraction, type ExtractedTask, type ManifestEntry } from "../ingest";

export interface PreparedFile {
  fileName: string;
  role: "PRIMARY" | "UNITS";
  ordinal: number;
  encoding: "utf-8" | "gb18030";
  byteSize: number;
  sha256: string;
  rawText: string;
}

export interface PreparedDocument {
  entry: ManifestEntry;
  files: PreparedFile[];
  /** sha256 over the source files' bytes, in manifest order. */
  checksum: string;
  /** sha256 of the extraction: changes when the extractor's output for these bytes changes. */
  fingerprint: string;
  extraction: Extraction;
}

export interface DocumentImportResult {
  slug: string;
  status: "created" | "updated" | "unchanged";
  tasks: number;
  retiredTasks: number;
  indicatorTargets: number;
  baselines: number;
  newIndicators: string[];
  unknownUnits: string[];
  /** Tasks whose assignment a person decided and whose text now names other units (the decision is kept). */
  assignmentDisagreements: AssignmentDisagreement[];
  warnings: number;
}

export interface DisagreeingUnit {
  departmentId: number;
  name: string;
  role: AssignmentRole;
}

export interface AssignmentDisagreement {
  number: string;
  taskId: number;
  /** Named by the text in a role the decided assignment does not give them. */
  onlyInText: DisagreeingUnit[];
  /** In the decided assignment, not named by the text in that role. */
  onlyAssigned: DisagreeingUnit[];
}

const ROLE_LABEL: Record<AssignmentRole, string> = { LEAD: "牵头", RESPONSIBLE: "责任", COOPERATING: "配合" };
const describeUnit = (u: DisagreeingUnit) => `${u.name}（${ROLE_LABEL[u.role]}）`;

interface WantedUnit {
  departmentId: number;
  role: AssignmentRole;
  ordinal: number;
  rawName: string;
}

/** task_source_unit = the units the text names, rewritten only when they changed. */
async function writeSourceUnits(tx: Tx, taskId: number, wanted: WantedUnit[]): Promise<void> {
  const existing = await tx.taskSourceUnit.findMany({
    where: { taskId },
    select: { departmentId: true, role: true, ordinal: true, rawName: true },
  });
  const key = (u: WantedUnit) => `${u.departmentId}:${u.role}:${u.ordinal}:${u.rawName}`;
  const have = existing.map(key).sort().join("|");
  if (have === wanted.map(key).sort().join("|")) return;
  await tx.taskSourceUnit.deleteMany({ where: { taskId } });
  if (wanted.length) await tx.taskSourceUnit.createMany({ data: wanted.map((w) => ({ taskId, ...w })) });
}

/** task_assignment follows the text (undecided tasks), reconciled in place so ids stay stable. */
async function reconcileAssignments(tx: Tx, taskId: number, wantedUnits: Map<string, WantedUnit>): Promise<void> {
  const wanted = new Map(wantedUnits);
  const existing = await tx.taskAssignment.findMany({
    where: { taskId },
    select: { id: true, departmentId: true, role: true, ordinal: true, rawName: true },
  });
  for (const assignment of existing) {
    const want = wanted.get(`${assignment.departmentId}:${assignment.role}`);
    if (!want) {
      await tx.taskAssignment.delete({ where: { id: assignment.id } });
    } else {
      if (want.ordinal !== assignment.ordinal || want.rawName !== assignment.rawName) {
        await tx.taskAssignment.update({
          where: { id: assignment.id },
          data: { ordinal: want.ordinal, rawName: want.rawName },
        });
      }
      wanted.delete(`${assignment.departmentId}:${assignment.role}`);
    }
  }
  if (wanted.size) {
    await tx.taskAssignment.createMany({ data: [...wanted.values()].map((w) => ({ taskId, ...w })) });
  }
}

/**
 * Where the text's units differ from a decided assignment; null when they agree — or when the text names
 * no unit at all (the plan's tasks): then the assignment fills a gap and contradicts nothing.
 */
async function decidedDisagreement(
  tx: Tx,
  taskId: number,
  source: WantedUnit[],
): Promise<Pick<AssignmentDisagreement, "onlyInText" | "onlyAssigned"> | null> {
  if (source.length === 0) return null;
  const current = await tx.taskAssignment.findMany({
    where: { taskId },
    select: { departmentId: true, role: true, department: { select: { name: true } } },
  });
  const { onlyInText, onlyAssigned } = sourceDisagreement(source, current);
  if (onlyInText.length === 0 && onlyAssigned.length === 0) return null;
  const ids = [...new Set(onlyInText.map((u) => u.departmentId))];
  const names = new Map(
    (await tx.department.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((d) => [
      d.id,
      d.name,
    ]),
  );
  return {
    onlyInText: onlyInText.map((u) => ({
      departmentId: u.departmentId,
      role: u.role,
      name: names.get(u.departmentId) ?? String(u.departmentId),
    })),
    onlyAssigned: current
      .filter((c) => onlyAssigned.some((u) => u.departmentId === c.departmentId && u.role === c.role))
      .map((c) => ({ departmentId: c.departmentId, role: c.role, name: c.department.name })),
  };
}

const COMPARATORS: Record<string, Comparator> = {
  ">=": "GTE",
  ">": "GT",
  "=": "EQ",
  "~": "APPROX",
  "<=": "LTE",
  "<": "LT",
};

const MAGNITUDE_PREFIX = new Map<number, string>([
  [1, ""],
  [1e3, "千"],
  [1e4, "万"],
  [1e8, "亿"],
  [1e12, "万亿"],
]);

const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });

const date = utcMidnight;

function departmentKind(name: string, generic: boolean): DepartmentKind {
  if (generic) return "GENERIC";
  if (/市(人民)?政府$|^[\u4e00-\u9fa5]{2,4}市$/.test(name)) return "CITY";
  if (/公司|集团|银行/.test(name)) return "ENTERPRISE";
  if (!name.startsWith("省") && !name.startsWith("团省委")) return "CENTRAL";
  return "PROVINCIAL";
}

/** Every spelling a department may be written in: as registered, with 山东省, and in traditional script. */
function aliasesOf(name: string, aliases: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const form of [name, ...aliases]) {
    forms.add(form);
    if (form.startsWith("省")) forms.add(`山东${form}`);
  }
  for (const form of [...forms]) forms.add(toTraditional(form));
  forms.delete(name);
  return [...forms];
}

type Tx = Prisma.TransactionClient;

/** Registry departments and their aliases; idempotent. Returns name → id for every department. */
export async function ensureDepartments(db: Tx | Db, profile: IngestProfile): Promise<Map<string, number>> {
  const entries = profile.departments.map((entry) => ({ name: entry.name, aliases: entry.aliases ?? [] }));
  // A department an admin renamed keeps its old name as an alias: resolve through aliases first, so a
  // re-import never recreates it under the old name.
  const existingAliases = new Map(
    (await db.departmentAlias.findMany({ select: { alias: true, departmentId: true } })).map((a) => [
      a.alias,
      a.departmentId,
    ]),
  );
  await db.department.createMany({
    data: entries
      .filter((e) => !existingAliases.has(e.name))
      .map((e) => ({ name: e.name, kind: departmentKind(e.name, false) })),
    skipDuplicates: true,
  });
  const rows = await db.department.findMany({ select: { id: true, name: true, generic: true } });
  // Placeholders (有关部门 …) created before the rule knew them are flagged on every import, as the data
  // migration 20261207200000_generic_placeholder_departments did once for every database.
  const placeholders = rows.filter((r) => !r.generic && isGenericUnit(r.name)).map((r) => r.id);
  if (placeholders.length)
    await db.department.updateMany({ where: { id: { in: placeholders } }, data: { generic: true, kind: "GENERIC" } });
  const ids = new Map(rows.map((r) => [r.name, r.id]));
  for (const [alias, departmentId] of existingAliases) if (!ids.has(alias)) ids.set(alias, departmentId);
  const aliases = entries.flatMap((e) =>
    aliasesOf(e.name, e.aliases).map((alias) => ({ alias, departmentId: ids.get(e.name)! })),
  );
  await db.departmentAlias.createMany({ data: aliases, skipDuplicates: true });
  return ids;
}

async function ensureDepartment(tx: Tx, ids: Map<string, number>, name: string, generic: boolean): Promise<number> {
  const known = ids.get(name);
  if (known !== undefined) return known;
  const alias = await tx.departmentAlias.findUnique({ where: { alias: name }, select: { departmentId: true } });
  if (alias) {
    ids.set(name, alias.departmentId);
    return alias.departmentId;
  }
  const created = await tx.department.upsert({
    where: { name },
    create: { name, generic, kind: departmentKind(name, generic) },
    update: {},
    select: { id: true },
  });
  await tx.departmentAlias.createMany({
    data: aliasesOf(name, []).map((alias) => ({ alias, departmentId: created.id })),
    skipDuplicates: true,
  });
  ids.set(name, created.id);
  return created.id;
}

interface TaskRecord {
  task: ExtractedTask;
  kind: TaskKind;
}

function taskKind(task: ExtractedTask, isMeasure: boolean): TaskKind {
  if (isMeasure) return "MEASURE";
  return task.number.startsWith("专栏") ? "COLUMN_ITEM" : "TASK";
}

/**
 * Milestones are matched by what they say — the due date and the text, then the due date alone — not by
 * position, so a revised document that inserts an earlier milestone does not move the completion dates
 * departments recorded onto other milestones. Unmatched old ones are retired, never deleted.
 */
async function reconcileMilestones(
  tx: Tx,
  taskId: number,
  extracted: ExtractedTask["milestones"],
  fileId: (name: string) => number,
): Promise<void> {
  // The deadline a person assigned (lib/server/assignments.ts) is not the text's: never matched, moved or retired.
  const existing = await tx.milestone.findMany({
    where: { taskId, ordinal: { not: ASSIGNED_DEADLINE_ORDINAL } },
    orderBy: { ordinal: "asc" },
    select: { id: true, ordinal: true, dueDate: true, text: true, retiredAt: true },
  });
  const unmatched = new Set(existing.map((m) => m.id));
  const pick = (test: (m: (typeof existing)[number]) => boolean) => {
    const found = existing.find((m) => unmatched.has(m.id) && test(m));
    if (found) unmatched.delete(found.id);
    return found;
  };
  const plan = extracted.map((milestone, ordinal) => {
    const due = milestone.due;
    const sameDay = (m: (typeof existing)[number]) => utcDay(m.dueDate) === due;
    return { milestone, ordinal, match: pick((m) => sameDay(m) && m.text === milestone.text) };
  });
  for (const step of plan) {
    step.match ??= pick((m) => utcDay(m.dueDate) === step.milestone.due);
  }
  // Park every ordinal out of the way first: (taskId, ordinal) is unique.
  const changed = existing.filter((m) => {
    const step = plan.find((p) => p.match?.id === m.id);
    return step ? step.ordinal !== m.ordinal : m.retiredAt === null || m.ordinal >= 0;
  });
  for (const m of changed) await tx.milestone.update({ where: { id: m.id }, data: { ordinal: -m.id } });
  for (const { milestone, ordinal, match } of plan) {
    const data = {
      ordinal,
      dueDate: date(milestone.due),
      text: milestone.text,
      sourceFileId: milestone.source ? fileId(milestone.source.file) : null,
      startOffset: milestone.source?.start ?? null,
      endOffset: milestone.source?.end ?? null,
      retiredAt: null,
    };
    if (match) await tx.milestone.update({ where: { id: match.id }, data });
    else await tx.milestone.create({ data: { taskId, ...data } });
  }
  const stale = existing.filter((m) => unmatched.has(m.id) && m.retiredAt === null).map((m) => m.id);
  if (stale.length) await tx.milestone.updateMany({ where: { id: { in: stale } }, data: { retiredAt: new Date() } });
}

async function writeDocument(
  tx: Tx,
  doc: PreparedDocument,
  departmentIds: Map<string, number>,
  profile: IngestProfile,
  log: (line: string) => void,
): Promise<Omit<DocumentImportResult, "status">> {
  const { entry, extraction } = doc;
  const meta = extraction.document;
  const slug = entry.slug;
  const primary = doc.files.find((f) => f.role === "PRIMARY") ?? doc.files[0]!;
  const documentData = {
    title: meta.title ?? entry.title,
    shortTitle: meta.shortTitle ?? entry.shortTitle,
    kind: entry.kind,
    issuer: meta.issuer ?? entry.issuer,
    docNumber: meta.docNumber ?? entry.docNumber,
    issuedDate: meta.issuedDate ? date(meta.issuedDate) : entry.issuedDate ? date(entry.issuedDate) : null,
    planYear: meta.planYear ?? entry.planYear,
    baseYear: meta.baseYear ?? entry.baseYear,
    periodStart: date(meta.periodStart ?? entry.periodStart),
    periodEnd: date(meta.periodEnd ?? entry.periodEnd),
    normalizedText: primary.rawText.normalize("NFC"),
    checksum: doc.checksum,
    extractorVersion: doc.fingerprint,
    warnings: extraction.warnings as unknown as Prisma.InputJsonValue,
  };
  const document = await tx.document.upsert({
    where: { slug },
    create: { slug, ...documentData },
    update: documentData,
    select: { id: true },
  });

  // Source files: the raw text every offset indexes.
  const fileIds = new Map<string, number>();
  for (const file of doc.files) {
    const data = {
      role: file.role,
      ordinal: file.ordinal,
      encoding: file.encoding,
      byteSize: file.byteSize,
      sha256: file.sha256,
      rawText: file.rawText,
    };
    const row = await tx.documentSourceFile.upsert({
      where: { documentId_fileName: { documentId: document.id, fileName: file.fileName } },
      create: { documentId: document.id, fileName: file.fileName, ...data },
      update: data,
      select: { id: true },
    });
    fileIds.set(file.fileName, row.id);
  }
  const fileId = (name: string) => {
    const id = fileIds.get(name);
    if (id === undefined) throw new Error(`extraction refers to an unknown source file ${name}`);
    return id;
  };

  // Sections, parents first (the extraction lists them in document order).
  const sectionIds = new Map<string, number>();
  for (const section of extraction.sections) {
    const data = {
      title: section.title,
      kind: section.kind as SectionKind,
      ordinal: section.ordinal,
      area: section.area,
      parentId: section.parentPath ? (sectionIds.get(section.parentPath) ?? null) : null,
      sourceFileId: fileId(section.source.file),
      startOffset: section.source.start,
      endOffset: section.source.end,
    };
    const row = await tx.section.upsert({
      where: { documentId_path: { documentId: document.id, path: section.path } },
      create: { documentId: document.id, path: section.path, ...data },
      update: data,
      select: { id: true },
    });
    sectionIds.set(section.path, row.id);
  }

  // Tasks and measures.
  const records: TaskRecord[] = [
    ...extraction.tasks.map((task) => ({ task, kind: taskKind(task, false) })),
    ...extraction.measures.map((task) => ({ task, kind: taskKind(task, true) })),
  ];
  const taskIds = new Map<string, number>();
  const unknownUnits = new Set<string>();
  const disagreements: AssignmentDisagreement[] = [];
  for (const [ordinal, { task, kind }] of records.entries()) {
    const key = `${slug}#${task.number}`;
    const data = {
      sectionId: sectionIds.get(task.sectionPath) ?? null,
      kind,
      ordinal,
      title: task.title,
      text: task.text,
      area: task.area,
      sourceFileId: fileId(task.source.file),
      startOffset: task.source.start,
      endOffset: task.source.end,
      unitsSourceFileId: task.unitsSource ? fileId(task.unitsSource.file) : null,
      unitsStartOffset: task.unitsSource?.start ?? null,
      unitsEndOffset: task.unitsSource?.end ?? null,
      retiredAt: null,
    };
    const row = await tx.task.upsert({
      where: { key },
      create: { key, documentId: document.id, number: task.number, ...data },
      update: data,
      select: { id: true, assignmentDecided: true },
    });
    taskIds.set(task.number, row.id);

    // The units the text names (原文): always written to task_source_unit. task_assignment (the current
    // assignment) follows the text only until a person decides it (task.assignmentDecided, issue 15);
    // after that the importer leaves it alone and reports where the text now disagrees.
    const wanted = new Map<string, WantedUnit>();
    for (const [unitOrdinal, unit] of task.units.entries()) {
      if (!unit.known) unknownUnits.add(unit.name);
      const departmentId = await ensureDepartment(tx, departmentIds, unit.name, unit.generic);
      const id = `${departmentId}:${unit.role}`;
      if (!wanted.has(id)) wanted.set(id, { departmentId, role: unit.role, ordinal: unitOrdinal, rawName: unit.raw });
    }
    await writeSourceUnits(tx, row.id, [...wanted.values()]);
    if (row.assignmentDecided) {
      const disagreement = await decidedDisagreement(tx, row.id, [...wanted.values()]);
      if (disagreement) disagreements.push({ number: task.number, taskId: row.id, ...disagreement });
    } else {
      await reconcileAssignments(tx, row.id, wanted);
    }

    await reconcileMilestones(tx, row.id, task.milestones, fileId);
  }

  const retired = await tx.task.updateMany({
    where: { documentId: document.id, key: { notIn: records.map((r) => `${slug}#${r.task.number}`) }, retiredAt: null },
    data: { retiredAt: new Date() },
  });
  await tx.$executeRaw`
    UPDATE "task" t SET "nextDueDate" = (
      SELECT min(m."dueDate") FROM "milestone" m
      WHERE m."taskId" = t.id AND m."completedDate" IS NULL AND m."retiredAt" IS NULL)
    WHERE t."documentId" = ${document.id}`;
  // Sections that no longer exist and hold no task.
  await tx.section.deleteMany({
    where: {
      documentId: document.id,
      path: { notIn: [...sectionIds.keys()] },
      tasks: { none: {} },
      children: { none: {} },
    },
  });

  // Indicators: one per metric key, shared across documents (the lineage).
  const synonyms = new Map(profile.synonyms.map((s) => [s.key, s]));
  const newIndicators: string[] = [];
  const indicatorIds = new Map<string, number>();
  const ensureIndicator = async (metricKey: string, name: string, unit: string, area: string | null) => {
    const cached = indicatorIds.get(metricKey);
    if (cached !== undefined) return cached;
    const curated = synonyms.get(metricKey);
    const existing = await tx.indicator.findUnique({
      where: { key: metricKey },
      select: { id: true, mergedIntoId: true },
    });
    let id: number;
    if (existing) {
      // An admin may have merged it into another indicator: attach to the survivor.
      id = existing.mergedIntoId ?? existing.id;
    } else {
      const created = await tx.indicator.create({
        data: {
          key: metricKey,
          name: curated?.name ?? name,
          unit: curated?.unit ?? unit,
          area: curated?.area ?? area ?? "其他",
          direction: curated?.direction ?? "HIGHER_IS_BETTER",
          synonyms: curated ? { create: curated.synonyms.map((synonym) => ({ synonym })) } : undefined,
        },
        select: { id: true },
      });
      id = created.id;
      newIndicators.push(curated?.name ?? name);
    }
    indicatorIds.set(metricKey, id);
    return id;
  };

  const targetKeys: string[] = [];
  const wantedLinks = new Set<string>();
  const occurrences = new Map<string, number>();
  const nextKey = (prefix: string) => {
    const n = (occurrences.get(prefix) ?? 0) + 1;
    occurrences.set(prefix, n);
    return `${prefix}#${n}`;
  };
  for (const indicator of extraction.indicators) {
    const indicatorId = await ensureIndicator(
      indicator.metricKey,
      indicator.metricName,
      indicator.unit,
      indicator.area,
    );
    const key = nextKey(`${slug}#${indicator.metricKey}`);
    targetKeys.push(key);
    const taskId = indicator.taskNumber ? (taskIds.get(indicator.taskNumber) ?? null) : null;
    const data = {
      indicatorId,
      documentId: document.id,
      taskId,
      name: indicator.name,
      comparator: COMPARATORS[indicator.comparator] ?? "EQ",
      value: indicator.target / indicator.magnitude,
      normalizedValue: indicator.normalizedValue,
      valueAsWritten: indicator.valueAsWritten,
      unit: `${MAGNITUDE_PREFIX.get(indicator.magnitude) ?? ""}${indicator.unit}`,
      dueDate: date(indicator.due ?? meta.periodEnd ?? entry.periodEnd),
      cumulative: indicator.cumulative,
      aspirational: indicator.aspirational,
      quote: indicator.quote,
      sourceFileId: fileId(indicator.source.file),
      startOffset: indicator.source.start,
      endOffset: indicator.source.end,
      retiredAt: null,
    };
    // An existing target keeps its indicator: an admin may have split it off or moved it back by an
    // unmerge (lib/server/indicator-admin.ts), and a re-import must not undo that.
    const { indicatorId: placedOn } = await tx.indicatorTarget.upsert({
      where: { key },
      create: { key, ...data },
      update: { ...data, indicatorId: undefined },
      select: { indicatorId: true },
    });
    if (taskId !== null) wantedLinks.add(`${taskId}:${placedOn}`);
  }
  // Task ↔ indicator links follow the targets: add the new ones, drop those no target supports any more.
  const existingLinks = await tx.taskIndicator.findMany({
    where: { task: { documentId: document.id } },
    select: { taskId: true, indicatorId: true },
  });
  for (const link of existingLinks) {
    const id = `${link.taskId}:${link.indicatorId}`;
    if (wantedLinks.delete(id)) continue;
    await tx.taskIndicator.delete({ where: { taskId_indicatorId: link } });
  }
  if (wantedLinks.size) {
    await tx.taskIndicator.createMany({
      data: [...wantedLinks].map((id) => {
        const [taskId, indicatorId] = id.split(":").map(Number) as [number, number];
        return { taskId, indicatorId };
      }),
    });
  }
  await tx.indicatorTarget.updateMany({
    where: { documentId: document.id, key: { notIn: targetKeys }, retiredAt: null },
    data: { retiredAt: new Date() },
  });

  const baselineKeys: string[] = [];
  for (const baseline of extraction.baselines) {
    const indicatorId = await ensureIndicator(baseline.metricKey, baseline.metricName, baseline.unit, null);
    const key = nextKey(`${slug}#baseline#${baseline.metricKey}`);
    baselineKeys.push(key);
    const data = {
      indicatorId,
      documentId: document.id,
      name: baseline.name,
      comparator: COMPARATORS[baseline.comparator] ?? "EQ",
      value: baseline.value,
      normalizedValue: baseline.value,
      valueAsWritten: baseline.valueAsWritten,
      unit: baseline.unit,
      asOf: date(baseline.asOf),
      quote: baseline.quote,
      sourceFileId: fileId(baseline.source.file),
      startOffset: baseline.source.start,
      endOffset: baseline.source.end,
      retiredAt: null,
    };
    // Like targets: an existing baseline stays on the indicator an admin placed it on.
    await tx.indicatorBaseline.upsert({
      where: { key },
      create: { key, ...data },
      update: { ...data, indicatorId: undefined },
    });
  }
  await tx.indicatorBaseline.updateMany({
    where: { documentId: document.id, key: { notIn: baselineKeys }, retiredAt: null },
    data: { retiredAt: new Date() },
  });

  if (unknownUnits.size)
    log(`  ${slug}: units not in the registry (created as departments): ${[...unknownUnits].join("、")}`);
  if (newIndicators.length) log(`  ${slug}: new indicators: ${newIndicators.join("、")}`);
  for (const d of disagreements) {
    log(
      `  ${slug} task ${d.number}: the text now disagrees with the decided assignment (kept)` +
        (d.onlyInText.length ? `; the text names ${d.onlyInText.map(describeUnit).join("、")}` : "") +
        (d.onlyAssigned.length ? `; assigned but not in the text ${d.onlyAssigned.map(describeUnit).join("、")}` : ""),
    );
  }
  return {
    slug,
    tasks: records.length,
    retiredTasks: retired.count,
    indicatorTargets: extraction.indicators.length,
    baselines: extraction.baselines.length,
    newIndicators,
    unknownUnits: [...unknownUnits],
    assignmentDisagreements: disagreements,
    warnings: extraction.warnings.length,
  };
}

export interface WriteOptions {
  /** Re-write documents even when their source and extraction are unchanged. */
  force?: boolean;
  log: (line: string) => void;
  /** The jurisdiction's data (seed/profile.ts for the seed documents): department registry and synonyms. */
  profile: IngestProfile;
}

/** Writes the prepared documents in order, one transaction each, skipping those unchanged since the last run. */
export async function writeDocuments(
  db: Db,
  prepared: PreparedDocument[],
  options: WriteOptions,
): Promise<DocumentImportResult[]> {
  const log = options.log;
  const departmentIds = await ensureDepartments(db, options.profile);
  const results: DocumentImportResult[] = [];
  for (const [i, doc] of prepared.entries()) {
    const started = performance.now();
    const current = await db.document.findUnique({
      where: { slug: doc.entry.slug },
      select: { checksum: true, extractorVersion: true },
    });
    if (
      current &&
      !options.force &&
      current.checksum === doc.checksum &&
      current.extractorVersion === doc.fingerprint
    ) {
      log(`[${i + 1}/${prepared.length}] ${doc.entry.slug}: unchanged`);
      results.push({
        slug: doc.entry.slug,
        status: "unchanged",
        tasks: doc.extraction.tasks.length + doc.extraction.measures.length,
        retiredTasks: 0,
        indicatorTargets: doc.extraction.indicators.length,
        baselines: doc.extraction.baselines.length,
        newIndicators: [],
        unknownUnits: [],
        assignmentDisagreements: [],
        warnings: doc.extraction.warnings.length,
      });
      continue;
    }
    const result = await db.$transaction(
      async (tx) => {
        const written = await writeDocument(tx, doc, new Map(departmentIds), options.profile, log);
        await tx.auditLog.create({
          data: {
            actorLabel: "import",
            action: current ? "document.reimport" : "document.import",
            entityType: "document",
            entityId: doc.entry.slug,
            after: {
              checksum: doc.checksum,
              tasks: written.tasks,
              retiredTasks: written.retiredTasks,
              indicatorTargets: written.indicatorTargets,
              baselines: written.baselines,
              assignmentDisagreements: written.assignmentDisagreements as unknown as Prisma.InputJsonValue,
            },
          },
        });
        return written;
      },
      { timeout: 300_000, maxWait: 60_000 },
    );
    // Departments created inside a committed transaction are now real.
    for (const d of await db.department.findMany({ select: { id: true, name: true } })) departmentIds.set(d.name, d.id);
    results.push({ ...result, status: current ? "updated" : "created" });
    log(
      `[${i + 1}/${prepared.length}] ${doc.entry.slug}: ${current ? "updated" : "imported"} ${result.tasks} tasks, ` +
        `${result.indicatorTargets} targets, ${result.baselines} baselines in ${Math.round(performance.now() - started)} ms`,
    );
  }
  return results;
}
