import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normaliseText, type ExtractedTask } from "@/lib/ingest";
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
  /** Curated key, or the extracted name for unlisted metrics (at least one is given). */
  metricKey?: string;
  name?: string;
  comparator: string;
  target: number;
  unit: string;
  due: string;
  cumulative?: boolean;
  aspirational?: boolean;
}

interface ExpectedBaseline {
  document: string;
  metricKey?: string;
  name?: string;
  comparator: string;
  value: number;
  unit: string;
  asOf: string;
}

const label = (item: {
  taskNumber?: string | null;
  metricKey?: string;
  name?: string;
  target?: number;
  value?: number;
}) =>
  `${item.taskNumber ?? "—"} ${item.metricKey ?? ""}${item.name ? ` “${item.name}”` : ""} ${item.target ?? item.value}`;

const sameMetric = (expected: { metricKey?: string; name?: string }, actual: { metricKey: string; name: string }) =>
  (expected.metricKey === undefined || expected.metricKey === actual.metricKey) &&
  (expected.name === undefined || expected.name === actual.name);

/** Whitespace-free comparison: the normaliser joins PDF line breaks only in context. */
const compact = (text: string) => text.replace(/\s+/g, "");

describe("indicators and baselines", () => {
  const expectations = JSON.parse(readFileSync(new URL("./expectations/indicators.json", import.meta.url), "utf8")) as {
    indicators: ExpectedIndicator[];
    baselines: ExpectedBaseline[];
  };

  it.each(DOCUMENTS)("%s: finds exactly the hand-checked targets (none missing, none spurious)", (slug) => {
    const actual = extractSeed(slug).indicators;
    const expected = expectations.indicators.filter((item) => item.document === slug);
    const unmatched = new Set(actual.map((_, index) => index));
    const missing: string[] = [];
    for (const item of expected) {
      const index = [...unmatched].find((candidate) => {
        const indicator = actual[candidate];
        return (
          indicator !== undefined &&
          indicator.taskNumber === item.taskNumber &&
          indicator.target === item.target &&
          sameMetric(item, indicator)
        );
      });
      if (index === undefined) {
        missing.push(label(item));
        continue;
      }
      unmatched.delete(index);
      const indicator = actual[index];
      const summary = { comparator: indicator?.comparator, unit: indicator?.unit, due: indicator?.due };
      expect(summary, label(item)).toEqual({ comparator: item.comparator, unit: item.unit, due: item.due });
      if (item.cumulative !== undefined) expect(indicator?.cumulative, label(item)).toBe(item.cumulative);
      expect(indicator?.aspirational, label(item)).toBe(item.aspirational ?? false);
    }
    const spurious = [...unmatched].map((index) => {
      const indicator = actual[index];
      return indicator ? `${label({ ...indicator, name: indicator.name })} ← ${indicator.quote}` : String(index);
    });
    expect({ missing, spurious }).toEqual({ missing: [], spurious: [] });
  });

  it("finds exactly the hand-checked 2020 baselines of the plan, and none elsewhere", () => {
    for (const slug of DOCUMENTS) {
      const actual = extractSeed(slug).baselines;
      const expected = expectations.baselines.filter((item) => item.document === slug);
      expect(actual.length, slug).toBe(expected.length);
      for (const item of expected) {
        const found = actual.filter((baseline) => baseline.value === item.value && sameMetric(item, baseline));
        expect(found, label(item)).toHaveLength(1);
        expect(found[0], label(item)).toMatchObject({ comparator: item.comparator, unit: item.unit, asOf: item.asOf });
      }
    }
  });

  it("quotes the minimal clause and points it back at the raw file", () => {
    for (const slug of DOCUMENTS) {
      const { indicators, baselines } = extractSeed(slug);
      for (const record of [...indicators, ...baselines]) {
        const raw = rawText(record.source.file);
        const span = raw.slice(record.source.start, record.source.end);
        // The raw span, cleaned like the document, reads as the quote (traditional script and pinyin included).
        expect(compact(normaliseText(span).text.text), `${slug} ${record.quote}`).toBe(compact(record.quote));
        expect(record.quote, slug).toContain(record.valueAsWritten);
        // Minimal: one clause, not a whole sentence.
        expect(record.quote, slug).not.toMatch(/[。；;]/);
      }
    }
  });

  it("names every indicator by the measured thing, never by a filler, verb or batch word", () => {
    for (const slug of DOCUMENTS) {
      for (const record of [...extractSeed(slug).indicators, ...extractSeed(slug).baselines]) {
        expect(record.name.length, `${slug} ${record.quote}`).toBeGreaterThanOrEqual(2);
        expect(record.name, `${slug} ${record.quote}`).not.toMatch(
          /^(首批|第.批|一批|可借鉴|集聚程度|推广|打造|培育)|^(建设|实现)$|[和及与等、]$|^[\d.%]+$|^（/,
        );
      }
    }
  });

  const series = (key: string) =>
    [
      ...extractSeed("plan-2021-2025")
        .baselines.filter((b) => b.metricKey === key)
        .map((b) => `2020:${b.value}`),
      ...DOCUMENTS.flatMap((slug) =>
        extractSeed(slug)
          .indicators.filter((i) => i.metricKey === key)
          .map((i) => `${i.due?.slice(0, 4)}:${i.comparator}${i.target}`),
      ),
    ].sort();

  it("links the same metric across documents (5G base stations: 2020 → 2022 → 2023)", () => {
    const values = [
      extractSeed("plan-2021-2025").baselines.find((b) => b.metricKey === "5g-base-stations")?.value,
      extractSeed("work-points-2022").indicators.find(
        (i) => i.metricKey === "5g-base-stations" && i.taskNumber === null,
      )?.target,
      extractSeed("work-points-2023").indicators.find((i) => i.metricKey === "5g-base-stations")?.target,
    ];
    expect(values).toEqual([51000, 160000, 200000]);
    expect(series("5g-base-stations")).toEqual(["2020:51000", "2022:=160000", "2022:=60000", "2023:>=200000"]);
  });

  it("links racks, smart communities, the core-industry share and smart-city stars across documents", () => {
    expect(series("data-center-standard-racks")).toEqual(["2020:146000", "2022:>250000", "2023:=350000"]);
    expect(series("digital-core-industry-gdp-share")).toEqual(["2022:=7", "2025:>10", "2025:>10"]);
    expect(series("smart-community-coverage")).toEqual(["2022:>20", "2022:>20", "2025:>=90"]);
    expect(series("smart-communities")).toEqual([
      "2021:=300",
      "2022:~1200",
      "2022:~1500",
      "2023:>=2000",
      "2023:>=2000",
      "2025:>=5000",
      "2025:~5000",
    ]);
    expect(series("smart-city-4star-county-share")).toEqual(["2022:>=30", "2023:>=30", "2025:=60"]);
    expect(series("online-service-rate")).toEqual(["2020:90", "2022:>=98"]);
    expect(series("smart-charging-facilities")).toEqual([
      "2022:>60000",
      "2022:>=10000",
      "2022:>=50000",
      "2025:>100000",
    ]);
  });
});
