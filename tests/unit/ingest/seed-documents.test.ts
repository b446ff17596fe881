import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ExtractedTask } from "@/lib/ingest";
import { extractSeed, rawText } from "./seed-helpers";

interface ExpectedTask {
  number: string;
  sectionPath: string;
  title?: string | null;
  lead: string[];
  responsible: string[];
  cooperating: string[];
  unitsSourceFile?: string | null;
  milestones: string[];
}

interface ExpectationFile {
  document: string;
  files: string[];
  tasks: ExpectedTask[];
  measures: ExpectedTask[];
}

function loadExpectations(name: string): ExpectationFile {
  return JSON.parse(readFileSync(new URL(`./expectations/${name}.json`, import.meta.url), "utf8")) as ExpectationFile;
}

function summary(task: ExtractedTask) {
  return {
    number: task.number,
    sectionPath: task.sectionPath,
    lead: task.leadUnits,
    responsible: task.responsibleUnits,
    cooperating: task.cooperatingUnits,
    milestones: task.milestones.map((milestone) => milestone.due),
  };
}

function expectedSummary(task: ExpectedTask) {
  const { number, sectionPath, lead, responsible, cooperating, milestones } = task;
  return { number, sectionPath, lead, responsible, cooperating, milestones };
}

const DOCUMENTS = ["work-points-2022", "work-points-2023", "digital-government-scheme-2023", "plan-2021-2025"];

describe.each(DOCUMENTS)("seed document %s", (slug) => {
  const expected = loadExpectations(slug);
  const extraction = extractSeed(slug);

  it("has every task, in order, with section, units by role and milestone dates", () => {
    expect(extraction.tasks.map(summary)).toEqual(expected.tasks.map(expectedSummary));
  });

  it("has every measure with its units", () => {
    expect(extraction.measures.map(summary)).toEqual(expected.measures.map(expectedSummary));
  });

  it("keeps headline titles and unit provenance where the expectations state them", () => {
    const all = [...extraction.tasks, ...extraction.measures];
    for (const item of [...expected.tasks, ...expected.measures]) {
      const actual = all.find((task) => task.number === item.number);
      if (item.title !== undefined) expect(actual?.title, item.number).toBe(item.title);
      if (item.unitsSourceFile !== undefined) expect(actual?.unitsSourceFile, item.number).toBe(item.unitsSourceFile);
    }
  });

  it("has unique task numbers", () => {
    const numbers = [...extraction.tasks, ...extraction.measures].map((task) => task.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it("points every task back at its original text", () => {
    for (const task of [...extraction.tasks, ...extraction.measures]) {
      const raw = rawText(task.source.file);
      const span = raw.slice(task.source.start, task.source.end);
      expect(span.length, task.number).toBeGreaterThan(0);
      // The task's first characters occur in its raw span (Han characters only, since punctuation
      // is folded); skipped for the traditional source, whose raw span is in traditional characters.
      if (task.source.file.endsWith("2023-work-points.txt")) continue;
      const han = (text: string) => text.replace(/[^\p{Script=Han}]/gu, "");
      expect(han(span), task.number).toContain(han(task.text).slice(0, 6));
      for (const milestone of task.milestones) {
        expect(milestone.source).toBeDefined();
      }
    }
  });
});

describe("seed document counts", () => {
  it("2022 work points: 18 tasks and 3 measures, tasks 1–9 without units", () => {
    const extraction = extractSeed("work-points-2022");
    expect(extraction.tasks).toHaveLength(18);
    expect(extraction.measures).toHaveLength(3);
    for (const task of extraction.tasks.slice(0, 9)) {
      expect(task.units).toEqual([]);
      expect(task.unitsSourceFile).toBeNull();
    }
  });

  it("2023 work points: 46 tasks", () => {
    expect(extractSeed("work-points-2023").tasks).toHaveLength(46);
  });

  it("unit names are canonical simplified names without conversion residue", () => {
    for (const slug of DOCUMENTS) {
      for (const task of [...extractSeed(slug).tasks, ...extractSeed(slug).measures]) {
        for (const unit of task.units) {
          expect(unit.name).not.toMatch(/[廳單頭責數據會東衛醫資區農務]/);
          expect(unit.known, `${slug} ${task.number} ${unit.name}`).toBe(true);
        }
      }
    }
  });

  it("repairs the mis-decoded spans and removes pinyin glosses", () => {
    const text2022 = extractSeed("work-points-2022").tasks.find((task) => task.number === "11")?.text ?? "";
    expect(text2022).toContain("社保卡申领");
    expect(text2022).toContain("“互联网+医保”综合监管平台");
    const tasks2023 = extractSeed("work-points-2023").tasks;
    expect(tasks2023.find((task) => task.number === "21")?.text).toContain("社保基金安全，提供便捷高效的服务体验");
    expect(tasks2023.find((task) => task.number === "31")?.text).toContain("规模化、集约化、绿色化");
    for (const task of tasks2023) expect(task.text).not.toMatch(/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]/);
  });

  it("fills the document from the manifest and the text", () => {
    const plan = extractSeed("plan-2021-2025").document;
    expect(plan).toMatchObject({
      kind: "PLAN",
      docNumber: "鲁政字〔2021〕128号",
      issuedDate: "2021-07-17",
      baseYear: 2020,
    });
    const points2023 = extractSeed("work-points-2023").document;
    expect(points2023).toMatchObject({
      title: "数字强省建设2023年工作要点",
      issuer: "山东省人民政府办公厅",
      planYear: 2023,
    });
  });
});

interface ExpectedIndicator {
  document: string;
  taskNumber: string | null;
  metricKey: string;
  comparator: string;
  target: number;
  unit: string;
  due: string;
  cumulative?: boolean;
  aspirational?: boolean;
}

interface ExpectedBaseline {
  document: string;
  metricKey: string;
  comparator: string;
  value: number;
  unit: string;
  asOf: string;
}

describe("indicators and baselines", () => {
  const expectations = JSON.parse(readFileSync(new URL("./expectations/indicators.json", import.meta.url), "utf8")) as {
    indicators: ExpectedIndicator[];
    baselines: ExpectedBaseline[];
  };

  it.each(
    expectations.indicators.map(
      (item) => [`${item.document} ${item.taskNumber ?? "goals"} ${item.metricKey} ${item.target}`, item] as const,
    ),
  )("%s", (_label, item) => {
    const found = extractSeed(item.document).indicators.filter(
      (indicator) =>
        indicator.metricKey === item.metricKey &&
        indicator.taskNumber === item.taskNumber &&
        indicator.target === item.target,
    );
    expect(found, JSON.stringify(item)).toHaveLength(1);
    const indicator = found[0];
    expect(indicator).toMatchObject({ comparator: item.comparator, unit: item.unit, due: item.due });
    if (item.cumulative !== undefined) expect(indicator?.cumulative).toBe(item.cumulative);
    expect(indicator?.aspirational).toBe(item.aspirational ?? false);
    const raw = rawText(indicator?.source.file ?? "");
    expect(raw.slice(indicator?.source.start, indicator?.source.end).length).toBeGreaterThan(0);
  });

  it.each(expectations.baselines.map((item) => [`${item.metricKey} ${item.value}`, item] as const))(
    "baseline %s",
    (_label, item) => {
      const found = extractSeed(item.document).baselines.filter(
        (baseline) => baseline.metricKey === item.metricKey && baseline.value === item.value,
      );
      expect(found, JSON.stringify(item)).toHaveLength(1);
      expect(found[0]).toMatchObject({ comparator: item.comparator, unit: item.unit, asOf: item.asOf });
    },
  );

  it("links the same metric across documents (5G base stations: 2020 → 2022 → 2023)", () => {
    const series = [
      extractSeed("plan-2021-2025").baselines.find((b) => b.metricKey === "5g-base-stations")?.value,
      extractSeed("work-points-2022").indicators.find(
        (i) => i.metricKey === "5g-base-stations" && i.taskNumber === null,
      )?.target,
      extractSeed("work-points-2023").indicators.find((i) => i.metricKey === "5g-base-stations")?.target,
    ];
    expect(series).toEqual([51000, 160000, 200000]);
  });
});
