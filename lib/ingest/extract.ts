import { stripChrome } from "./chrome";
import { areaOfTitle, matchMetric } from "./indicators";
import { splitLines, type Line } from "./lines";
import { rawSpanOf, type MappedText } from "./mapped-text";
import { mergeUnitsFromCopy } from "./merge";
import { readTextMetadata, type TextMetadata } from "./metadata";
import { extractMilestones, type Milestone } from "./milestones";
import { normaliseText, type NormaliseNote } from "./normalise";
import type { IngestProfile } from "./profile";
import { findQuantities, type Quantity } from "./quantities";
import { segmentLines, type Block, type Numbering, type Segmentation, type SectionNode } from "./segment";
import {
  ExtractionSchema,
  type DocumentKind,
  type ExtractedBaseline,
  type ExtractedDocument,
  type ExtractedIndicator,
  type ExtractedSection,
  type ExtractedTask,
  type Extraction,
  type ExtractionWarning,
  type ManifestEntry,
  type SourceRef,
} from "./types";
import { findUnitLists, hasFirstListedLeadsRule, type UnitAssignment } from "./units";

export interface SourceFile {
  file: string;
  /** Decoded text (see decodeDocument); offsets in the output index this string. */
  text: string;
}

export interface ExtractOptions {
  /** The jurisdiction's registry, synonyms, repairs and names (Shandong's: seed/profile.ts). */
  profile: IngestProfile;
  manifest?: ManifestEntry;
}

interface ParsedFile {
  profile: IngestProfile;
  file: string;
  raw: string;
  script: "simplified" | "traditional";
  body: MappedText;
  lines: Line[];
  segmentation: Segmentation;
  metadata: TextMetadata;
  firstListedLeads: boolean;
  notes: NormaliseNote[];
}

interface BuiltBlock {
  record: ExtractedTask;
  block: Block;
  text: string;
  milestones: Milestone[];
}

/**
 * Files of one document → structured records. The first file is the primary (text, structure and
 * offsets); further files are copies that may carry unit lists (merged by task number).
 */
export function extractDocument(files: SourceFile[], options: ExtractOptions): Extraction {
  const [primaryFile, ...copies] = files;
  if (!primaryFile) throw new Error("extractDocument needs at least one file");
  const warnings: ExtractionWarning[] = [];

  const { profile } = options;
  const primary = parseFile(primaryFile, profile, (metadata) =>
    numberingOf(options.manifest?.kind ?? kindFromTitle(metadata)),
  );
  const document = resolveDocument(primary, options.manifest, warnings);
  warnings.push(...notesToWarnings(primary));

  const chapterAreas = areasByChapter(primary.segmentation.sections);
  const built = primary.segmentation.blocks.map((block) =>
    buildBlock(primary, block, document, chapterAreas, warnings),
  );
  const tasks = built.filter((b) => b.block.kind === "TASK").map((b) => b.record);
  const measures = built.filter((b) => b.block.kind === "MEASURE").map((b) => b.record);

  const parsedCopies = copies.map((copy) => parseFile(copy, profile, () => numberingOf(document.kind)));
  for (const copy of parsedCopies) {
    warnings.push(...notesToWarnings(copy));
    const copyBlocks = copy.segmentation.blocks.map(
      (block) => buildBlock(copy, block, document, new Map(), warnings).record,
    );
    warnings.push(...mergeUnitsFromCopy([...tasks, ...measures], copyBlocks, copy.file));
  }
  warnings.push(...unknownUnitWarnings([...tasks, ...measures]));
  if (primary.segmentation.blocks.length === 0) {
    warnings.push({ code: "NO_TASKS", message: "未识别到编号任务 / no numbered tasks or measures were found" });
  }

  const result: Extraction = {
    document,
    files: [primary, ...parsedCopies].map((parsed, index) => ({
      file: parsed.file,
      role: index === 0 ? "primary" : "units",
      script: parsed.script,
    })),
    sections: primary.segmentation.sections.map((section) => toSectionRecord(primary, section, chapterAreas)),
    tasks,
    measures,
    indicators: [
      ...goalIndicators(primary, document, chapterAreas),
      ...introIndicators(primary, document, chapterAreas),
      ...built.flatMap((b) => blockIndicators(primary, b, document)),
    ].sort((a, b) => a.source.start - b.source.start),
    baselines: extractBaselines(primary, document, warnings),
    warnings,
  };
  return ExtractionSchema.parse(result);
}

/** Work points are numbered across the document; plans and schemes by section (see segment.ts). */
function numberingOf(kind: DocumentKind | null): Numbering | undefined {
  if (kind === null) return undefined;
  return kind === "WORK_POINTS" ? "global" : "hierarchical";
}

function kindFromTitle(metadata: TextMetadata): DocumentKind | null {
  return metadata.title ? inferKind(metadata.title) : null;
}

function parseFile(
  source: SourceFile,
  profile: IngestProfile,
  chooseNumbering: (metadata: TextMetadata) => Numbering | undefined,
): ParsedFile {
  const normalised = normaliseText(source.text, profile.repairs);
  const dechromed = stripChrome(normalised.text);
  const metadata = readTextMetadata(dechromed, profile);
  const lines = splitLines(dechromed.body);
  const firstListedLeads = hasFirstListedLeadsRule(dechromed.body.text);
  const hasUnits = (text: string) => findUnitLists(text, { firstListedLeads, profile }).length > 0;
  return {
    profile,
    file: source.file,
    raw: source.text,
    script: normalised.script,
    body: dechromed.body,
    lines,
    segmentation: segmentLines(lines, hasUnits, chooseNumbering(metadata)),
    metadata,
    firstListedLeads,
    notes: normalised.notes,
  };
}

function sourceRef(parsed: ParsedFile, start: number, end: number): SourceRef {
  return { file: parsed.file, ...rawSpanOf(parsed.body, start, end) };
}

function resolveDocument(
  parsed: ParsedFile,
  manifest: ManifestEntry | undefined,
  warnings: ExtractionWarning[],
): ExtractedDocument {
  const meta = parsed.metadata;
  const title = manifest?.title ?? meta.title;
  const kind: DocumentKind = manifest?.kind ?? inferKind(title);
  const planYear = manifest?.planYear ?? meta.planYear;
  const document: ExtractedDocument = {
    slug: manifest?.slug ?? null,
    title,
    shortTitle: manifest?.shortTitle ?? null,
    issuer: manifest?.issuer ?? meta.issuer,
    issuedDate: manifest ? manifest.issuedDate : meta.issuedDate,
    docNumber: manifest ? manifest.docNumber : meta.docNumber,
    kind,
    planYear,
    periodStart: manifest?.periodStart ?? meta.periodStart ?? (planYear ? `${planYear}-01-01` : null),
    periodEnd: manifest?.periodEnd ?? meta.periodEnd ?? (planYear ? `${planYear}-12-31` : null),
    baseYear: manifest?.baseYear ?? meta.baseYear,
    firstListedLeads: parsed.firstListedLeads,
  };
  for (const field of ["title", "issuer", "issuedDate", "docNumber"] as const) {
    const fromText = meta[field];
    const chosen = document[field];
    if (chosen === null) {
      warnings.push({
        code: "METADATA_MISSING",
        message: `文中及清单均未给出 ${field} / ${field} is stated neither in the text nor in the manifest`,
      });
    } else if (manifest && fromText !== null && fromText !== chosen) {
      warnings.push({
        code: "METADATA_DIFFERS",
        message: `${field}：清单为“${chosen}”，正文为“${fromText}” / manifest ${field} differs from the text`,
      });
    }
  }
  if (!manifest && !meta.title)
    warnings.push({ code: "KIND_GUESSED", message: `文种按默认值 ${kind} 处理 / document kind defaulted to ${kind}` });
  return document;
}

function inferKind(title: string | null): DocumentKind {
  if (title && /规划|纲要/.test(title)) return "PLAN";
  if (title && /方案|计划/.test(title)) return "IMPLEMENTATION_SCHEME";
  return "WORK_POINTS";
}

function notesToWarnings(parsed: ParsedFile): ExtractionWarning[] {
  return parsed.notes
    .filter((note) => note.code === "GARBLE_REPAIRED" || note.code === "SUSPICIOUS_SPAN")
    .map((note) => ({
      code: note.code,
      message: note.message,
      ...(note.span ? { source: { file: parsed.file, ...note.span } } : {}),
    }));
}

function areasByChapter(sections: SectionNode[]): Map<string, string | null> {
  const areas = new Map<string, string | null>();
  for (const section of sections) {
    const chapterPath = section.path.split("/")[0] ?? section.path;
    if (section.parentPath === null) areas.set(chapterPath, areaOfTitle(section.title));
  }
  return areas;
}

function areaOfPath(path: string, areas: Map<string, string | null>): string | null {
  return areas.get(path.split("/")[0] ?? path) ?? null;
}

function toSectionRecord(
  parsed: ParsedFile,
  section: SectionNode,
  areas: Map<string, string | null>,
): ExtractedSection {
  return {
    path: section.path,
    title: section.title,
    kind: section.kind,
    parentPath: section.parentPath,
    ordinal: section.ordinal,
    inferred: section.inferred,
    area: areaOfPath(section.path, areas),
    source: sourceRef(parsed, section.start, section.end),
  };
}

function buildBlock(
  parsed: ParsedFile,
  block: Block,
  document: ExtractedDocument,
  areas: Map<string, string | null>,
  warnings: ExtractionWarning[],
): BuiltBlock {
  const text = parsed.body.text.slice(block.textStart, block.end);
  const unitLists = findUnitLists(text, { firstListedLeads: parsed.firstListedLeads, profile: parsed.profile });
  const units = unitLists.flatMap((list) => list.units);
  let cleaned = text;
  for (const list of [...unitLists].reverse()) cleaned = cleaned.slice(0, list.start) + cleaned.slice(list.end);

  const { milestones, unresolved } = extractMilestones(text, document.planYear);
  for (const item of unresolved) {
    warnings.push({
      code: "MILESTONE_UNRESOLVED",
      message: `“${item.expression}”缺少年份且文件无计划年度，未生成节点 / "${item.expression}" has no year and the document has no plan year`,
      source: sourceRef(parsed, block.textStart + item.start, block.textStart + item.end),
    });
  }
  const firstList = unitLists[0];
  const lastList = unitLists[unitLists.length - 1];
  const record: ExtractedTask = {
    number: block.number,
    sectionPath: block.sectionPath,
    title: block.headline,
    text: cleaned.replace(/\n+/g, "\n").trim(),
    leadUnits: namesWithRole(units, "LEAD"),
    responsibleUnits: namesWithRole(units, "RESPONSIBLE"),
    cooperatingUnits: namesWithRole(units, "COOPERATING"),
    units: units.map(({ name, role, generic, raw, known }) => ({ name, role, generic, raw, known })),
    unitsSourceFile: units.length > 0 ? parsed.file : null,
    unitsSource:
      firstList && lastList
        ? sourceRef(parsed, block.textStart + firstList.start, block.textStart + lastList.end)
        : null,
    milestones: milestones.map((milestone) => ({
      due: milestone.due,
      text: milestone.text,
      source: sourceRef(parsed, block.textStart + milestone.start, block.textStart + milestone.end),
    })),
    area: areaOfPath(block.sectionPath, areas),
    source: sourceRef(parsed, block.start, block.end),
  };
  return { record, block, text, milestones };
}

function namesWithRole(units: UnitAssignment[], role: UnitAssignment["role"]): string[] {
  return [...new Set(units.filter((unit) => unit.role === role).map((unit) => unit.name))];
}

function unknownUnitWarnings(records: ExtractedTask[]): ExtractionWarning[] {
  const seen = new Map<string, ExtractedTask>();
  for (const record of records) {
    for (const unit of record.units) if (!unit.known && !seen.has(unit.name)) seen.set(unit.name, record);
  }
  return [...seen].map(([name, record]) => ({
    code: "UNKNOWN_UNIT",
    message: `部门名录中没有“${name}”，按原文保留 / unit "${name}" is not in the department registry; kept as written`,
    source: record.unitsSource ?? record.source,
  }));
}

function defaultDue(document: ExtractedDocument): string | null {
  return document.periodEnd;
}

/** The quote: the minimal clause read by findQuantities (subject or verb through figure and object). */
function quoteBounds(text: string, quantity: Quantity): { start: number; end: number } {
  let start = quantity.quoteStart;
  let end = quantity.quoteEnd;
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
  return { start, end };
}

function toIndicator(
  parsed: ParsedFile,
  text: string,
  offset: number,
  quantity: Quantity,
  due: string | null,
  taskNumber: string | null,
  sectionPath: string,
  area: string | null,
): ExtractedIndicator {
  const metric = matchMetric(quantity.name, quantity.unit, parsed.profile);
  const quote = quoteBounds(text, quantity);
  return {
    name: quantity.name,
    metricKey: metric.metricKey,
    metricName: metric.metricName,
    area: metric.area ?? area,
    comparator: quantity.comparator,
    target: quantity.normalizedValue,
    ...(quantity.upperValue !== null ? { targetMax: quantity.upperValue } : {}),
    valueAsWritten: quantity.valueAsWritten,
    normalizedValue: quantity.normalizedValue,
    unit: quantity.unit,
    magnitude: quantity.magnitude,
    due,
    cumulative: quantity.cumulative,
    aspirational: quantity.aspirational,
    taskNumber,
    sectionPath,
    quote: text.slice(quote.start, quote.end),
    source: sourceRef(parsed, offset + quote.start, offset + quote.end),
  };
}

function dueFor(quantity: Quantity, milestones: Milestone[], document: ExtractedDocument): string | null {
  const governing = milestones.filter((m) => m.start <= quantity.start && quantity.start < m.end).at(-1);
  return governing?.due ?? defaultDue(document);
}

function blockIndicators(parsed: ParsedFile, built: BuiltBlock, document: ExtractedDocument): ExtractedIndicator[] {
  return findQuantities(built.text, parsed.profile)
    .filter((quantity) => quantity.targetLike)
    .map((quantity) =>
      toIndicator(
        parsed,
        built.text,
        built.block.textStart,
        quantity,
        dueFor(quantity, built.milestones, document),
        built.record.number,
        built.record.sectionPath,
        built.record.area,
      ),
    );
}

function goalIndicators(
  parsed: ParsedFile,
  document: ExtractedDocument,
  areas: Map<string, string | null>,
): ExtractedIndicator[] {
  return parsed.segmentation.goals.flatMap((goal) =>
    spanIndicators(parsed, document, areas, goal.start, goal.end, goal.sectionPath),
  );
}

/** The targets stated in one span of text that belongs to no task (goals, lead paragraphs). */
function spanIndicators(
  parsed: ParsedFile,
  document: ExtractedDocument,
  areas: Map<string, string | null>,
  start: number,
  end: number,
  sectionPath: string,
): ExtractedIndicator[] {
  const text = parsed.body.text.slice(start, end);
  const { milestones } = extractMilestones(text, document.planYear);
  return findQuantities(text, parsed.profile)
    .filter((quantity) => quantity.targetLike)
    .map((quantity) =>
      toIndicator(
        parsed,
        text,
        start,
        quantity,
        dueFor(quantity, milestones, document),
        null,
        sectionPath,
        areaOfPath(sectionPath, areas),
      ),
    );
}

/**
 * Lead paragraphs of task chapters and sections that are not tasks themselves (a section with numbered
 * subsections: "（二）构建智慧城市建设新格局。…打造3个以上…标杆城市"): their targets belong to no task.
 */
function introIndicators(
  parsed: ParsedFile,
  document: ExtractedDocument,
  areas: Map<string, string | null>,
): ExtractedIndicator[] {
  const { sections, blocks } = parsed.segmentation;
  return sections
    .filter((section) => section.kind === "CHAPTER" || section.kind === "SECTION")
    .flatMap((section) => {
      if (blocks.some((block) => block.start === section.start)) return [];
      const next = [
        ...sections.filter((other) => other.start > section.start).map((other) => other.start),
        ...blocks.filter((block) => block.start > section.start).map((block) => block.start),
        section.end,
      ];
      return spanIndicators(parsed, document, areas, section.start, Math.min(...next), section.path);
    });
}

/**
 * 2020 figures in the plan's 发展现状 section: every figure there is a stated fact (ordinals, years,
 * names and qualifiers are excluded by findQuantities).
 */
function extractBaselines(
  parsed: ParsedFile,
  document: ExtractedDocument,
  warnings: ExtractionWarning[],
): ExtractedBaseline[] {
  const sections = parsed.segmentation.sections.filter((section) => section.baseline);
  const sources = sections.some((s) => s.parentPath !== null)
    ? sections.filter((s) => s.parentPath !== null)
    : sections;
  if (sources.length === 0) return [];
  if (document.baseYear === null) {
    warnings.push({
      code: "BASE_YEAR_MISSING",
      message: "有基础形势章节但无基期年份，未提取基数 / a baseline section exists but the base year is unknown",
    });
    return [];
  }
  const asOf = `${document.baseYear}-12-31`;
  return sources.flatMap((section) => {
    const text = parsed.body.text.slice(section.start, section.end);
    return findQuantities(text, parsed.profile).map((quantity) => {
      const metric = matchMetric(quantity.name, quantity.unit, parsed.profile);
      const quote = quoteBounds(text, quantity);
      return {
        name: quantity.name,
        metricKey: metric.metricKey,
        metricName: metric.metricName,
        value: quantity.normalizedValue,
        valueAsWritten: quantity.valueAsWritten,
        unit: quantity.unit,
        comparator: quantity.comparator,
        asOf,
        quote: text.slice(quote.start, quote.end),
        source: sourceRef(parsed, section.start + quote.start, section.start + quote.end),
      };
    });
  });
}
