import { describe, expect, it } from "vitest";
import {
  decodeCsvBytes,
  mapHeader,
  markDuplicateRows,
  observationKey,
  pairCreatedWithInputs,
  parseCsv,
  parseDateCell,
  parseNumberCell,
  parseSourceCell,
  selectDataRows,
  sniffImportFile,
  typeRow,
  type Cell,
  type RawImportRow,
} from "../../lib/domain/observation-import";
import { encodeGbk } from "../support/gbk";

const TODAY = "2024-03-15";

describe("numbers", () => {
  it.each<[Cell, string, number]>([
    ["185000", "个", 185000],
    [185000, "个", 185000],
    ["185,000", "个", 185000],
    ["1,234,567.5", "个", 1234567.5],
    ["185，000", "个", 185000],
    ["185 000", "个", 185000],
    ["１８５０００", "个", 185000],
    ["-3.5", "%", -3.5],
    ["1.85E+05", "个", 185000],
    ["18.5万", "个", 185000],
    ["1.4万亿", "元", 1.4e12],
    ["3亿", "元", 300000000],
    ["98.5%", "%", 98.5],
    ["98.5", "%", 98.5],
    [" 42 ", "个", 42],
  ])("%j in %s is %d", (cell, unit, expected) => {
    expect(parseNumberCell(cell, unit)).toEqual({ ok: true, value: expected });
  });

  it.each<[Cell, string, string]>([
    ["", "个", "valueRequired"],
    [null, "个", "valueRequired"],
    ["约18万", "个", "notANumber"],
    ["18万以上", "个", "notANumber"],
    ["abc", "个", "notANumber"],
    ["1,85", "个", "ambiguousDecimalComma"],
    ["1,8500", "个", "ambiguousDecimalComma"],
    ["18,50,000", "个", "notANumber"],
    ["98%", "个", "percentNotAllowed"],
    ["18.5万", "万个", "magnitudeAmbiguous"],
    ["5万", "%", "magnitudeAmbiguous"],
    ["1e20", "个", "outOfRange"],
    [Number.NaN, "个", "notANumber"],
  ])("%j in %s is refused (%s)", (cell, unit, code) => {
    expect(parseNumberCell(cell, unit)).toMatchObject({ ok: false, code });
  });
});

describe("dates", () => {
  it.each<[Cell, string]>([
    ["2023-06-30", "2023-06-30"],
    ["2023-6-3", "2023-06-03"],
    ["2023/06/30", "2023-06-30"],
    ["2023.6.30", "2023-06-30"],
    ["2023年6月30日", "2023-06-30"],
    ["2023-06-30 00:00:00", "2023-06-30"],
    [new Date("2023-06-30T00:00:00Z"), "2023-06-30"],
    ["2024-02-29", "2024-02-29"],
    [TODAY, TODAY],
  ])("%j is %s", (cell, iso) => {
    expect(parseDateCell(cell, TODAY)).toEqual({ ok: true, value: iso });
  });

  it.each<[Cell, string]>([
    ["", "dateRequired"],
    ["30/06/2023", "dateFormat"],
    ["2023年上半年", "dateFormat"],
    [45107, "dateFormat"],
    ["2023-02-29", "dateInvalid"],
    ["2023-13-01", "dateInvalid"],
    ["2024-03-16", "dateFuture"],
  ])("%j is refused (%s)", (cell, code) => {
    expect(parseDateCell(cell, TODAY)).toMatchObject({ ok: false, code });
  });
});

describe("sources", () => {
  it.each([
    ["统计公报", "STATISTICAL_BULLETIN"],
    ["部门报送", "DEPARTMENT_REPORT"],
    ["政策文件", "DOCUMENT"],
    ["其他", "OTHER"],
    ["department_report", "DEPARTMENT_REPORT"],
    ["Statistical bulletin", "STATISTICAL_BULLETIN"],
  ])("%s → %s", (cell, code) => {
    expect(parseSourceCell(cell)).toEqual({ ok: true, value: code });
  });

  it("an empty or unknown source is refused", () => {
    expect(parseSourceCell(null)).toMatchObject({ ok: false, code: "sourceRequired" });
    expect(parseSourceCell("网上看到的")).toMatchObject({ ok: false, code: "sourceUnknown" });
  });
});

describe("header and rows", () => {
  it("maps the template's Chinese headers, English or code headers, and ignores unknown columns", () => {
    expect(mapHeader(["指标编号", "指标名称", "单位", "数值", "统计时点", "来源", "来源说明", "备注"]).columns).toEqual(
      {
        key: 0,
        name: 1,
        unit: 2,
        value: 3,
        asOf: 4,
        source: 5,
        sourceDetail: 6,
        note: 7,
      },
    );
    const english = mapHeader(["Indicator key", "Value", "As of", "Source", "extra"]);
    expect(english.missing).toEqual([]);
    expect(english.columns).toMatchObject({ key: 0, value: 1, asOf: 2, source: 3 });
    expect(mapHeader(["数值 value", "*指标编号", "统计时点（YYYY-MM-DD）", "来源"]).columns).toMatchObject({
      value: 0,
      key: 1,
      asOf: 2,
      source: 3,
    });
    expect(mapHeader(["指标编号", "数值"]).missing).toEqual(["asOf", "source"]);
  });

  it("skips blank rows and untouched template rows, keeps rows with anything entered", () => {
    const { columns } = mapHeader(["指标编号", "指标名称", "单位", "数值", "统计时点", "来源"]);
    const { rows, skipped } = selectDataRows(
      [
        { rowNumber: 2, cells: ["5g-base-stations", "5G基站数", "个", null, null, null] },
        { rowNumber: 3, cells: [] },
        { rowNumber: 4, cells: ["iot-terminals", "物联网终端数", "个", "1000", "2023-06-30", "统计公报"] },
        { rowNumber: 5, cells: ["gigabit-cities", "千兆城市数", "个", null, "2023-06-30", null] },
      ],
      columns,
    );
    expect(skipped).toBe(2);
    expect(rows.map((r) => r.rowNumber)).toEqual([4, 5]);
  });

  const raw = (rowNumber: number, fields: Partial<RawImportRow["fields"]>): RawImportRow => ({
    rowNumber,
    fields: {
      key: null,
      name: null,
      unit: null,
      value: null,
      asOf: null,
      source: null,
      sourceDetail: null,
      note: null,
      ...fields,
    },
  });
  const units = (key: string) => ({ "5g-base-stations": "个", "gigabit-home-coverage": "%" })[key] ?? null;

  it("types a good row and reports every problem of a bad one, by column", () => {
    const good = typeRow(
      raw(2, { key: "5g-base-stations", value: "18.5万", asOf: "2023/6/30", source: "统计公报", note: "上半年" }),
      TODAY,
      units,
    );
    expect(good).toMatchObject({
      key: "5g-base-stations",
      value: 185000,
      asOf: "2023-06-30",
      source: "STATISTICAL_BULLETIN",
    });
    expect(good.issues).toEqual([]);
    const bad = typeRow(
      raw(3, {
        key: "gigabit-home-coverage",
        value: "18.5万",
        asOf: "2099-01-01",
        source: "传闻",
        note: "x".repeat(1001),
      }),
      TODAY,
      units,
    );
    expect(bad.issues.map((i) => [i.column, i.code])).toEqual([
      ["value", "magnitudeAmbiguous"],
      ["asOf", "dateFuture"],
      ["source", "sourceUnknown"],
      ["note", "tooLong"],
    ]);
    // Keys are taken as written, full-width brackets and all.
    const named = typeRow(
      raw(5, { key: " name:智慧社区覆盖率（%） ", value: "90%", asOf: "2023-01-01", source: "其他" }),
      TODAY,
      (key) => (key === "name:智慧社区覆盖率（%）" ? "%" : null),
    );
    expect(named).toMatchObject({ key: "name:智慧社区覆盖率（%）", value: 90, issues: [] });
    expect(typeRow(raw(4, { value: "1", asOf: "2023-01-01", source: "其他" }), TODAY, units).issues).toEqual([
      { column: "key", code: "keyRequired", severity: "error" },
    ]);
  });

  it("marks the second row for the same indicator and date, naming the first", () => {
    const rows = [
      typeRow(raw(2, { key: "5g-base-stations", value: "1", asOf: "2023-06-30", source: "其他" }), TODAY, units),
      typeRow(raw(3, { key: "5g-base-stations", value: "2", asOf: "2023-12-31", source: "其他" }), TODAY, units),
      typeRow(raw(4, { key: "5g-base-stations", value: "3", asOf: "2023-6-30", source: "其他" }), TODAY, units),
    ];
    markDuplicateRows(rows);
    expect(rows.map((r) => r.issues.map((i) => [i.code, i.params]))).toEqual([
      [],
      [],
      [["duplicateInFile", { row: 2 }]],
    ]);
  });
});

describe("files", () => {
  it("parses CSV with quotes, doubled quotes, embedded line breaks and CRLF, keeping spreadsheet row numbers", () => {
    const rows = parseCsv('\uFEFF指标编号,备注\r\na,"说明, 含逗号"\r\nb,"第一行\n第二行"\r\nc,"他说""好"""\r\n');
    expect(rows).toEqual([
      { rowNumber: 1, cells: ["指标编号", "备注"] },
      { rowNumber: 2, cells: ["a", "说明, 含逗号"] },
      { rowNumber: 3, cells: ["b", "第一行\n第二行"] },
      { rowNumber: 5, cells: ["c", '他说"好"'] },
    ]);
  });

  it("guesses a semicolon or tab delimiter from the header", () => {
    expect(parseCsv("指标编号;数值\na;1\n")[1]!.cells).toEqual(["a", "1"]);
    expect(parseCsv("指标编号\t数值\na\t1\n")[1]!.cells).toEqual(["a", "1"]);
  });

  it("decodes UTF-8 with and without BOM, and GB18030 from WPS/Excel", () => {
    const text = "指标编号,来源\n5g-base-stations,统计公报\n";
    expect(decodeCsvBytes(new TextEncoder().encode(`\uFEFF${text}`))).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsvBytes(new TextEncoder().encode(text))).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsvBytes(encodeGbk(text))).toEqual({ text, encoding: "gb18030" });
  });

  it("reads Excel's tab-separated Unicode text (UTF-16 LE with a byte-order mark)", () => {
    const text = "指标编号\t数值\r\n5g-base-stations\t185000\r\n";
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, "utf16le"))]);
    expect(sniffImportFile(bytes)).toBe("csv");
    const decoded = decodeCsvBytes(bytes)!;
    expect(decoded.encoding).toBe("utf-16");
    expect(parseCsv(decoded.text)[1]!.cells).toEqual(["5g-base-stations", "185000"]);
  });

  it("tells the kind by content, not by name", () => {
    expect(sniffImportFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe("xlsx");
    expect(sniffImportFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe("xls");
    expect(sniffImportFile(new TextEncoder().encode("%PDF-1.7\n\u0000\u0001binary"))).toBe("other");
    expect(sniffImportFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe("other");
    expect(sniffImportFile(new TextEncoder().encode("指标编号,数值\r\n"))).toBe("csv");
  });
});

describe("pairing stored rows with the file's rows", () => {
  const inputs = [
    { row: 2, indicatorId: 1, asOf: "2023-06-30" },
    { row: 3, indicatorId: 1, asOf: "2023-12-31" },
    { row: 4, indicatorId: 2, asOf: "2023-06-30" },
  ];
  const keyOfInput = (i: (typeof inputs)[number]) => observationKey(i.indicatorId, i.asOf);
  const keyOfRow = (r: { id: number; indicatorId: number; asOf: string }) => observationKey(r.indicatorId, r.asOf);

  it("follows the inputs' order whatever order the rows came back in", () => {
    const returned = [
      { id: 12, indicatorId: 2, asOf: "2023-06-30" },
      { id: 10, indicatorId: 1, asOf: "2023-06-30" },
      { id: 11, indicatorId: 1, asOf: "2023-12-31" },
    ];
    const paired = pairCreatedWithInputs(inputs, returned, keyOfInput, keyOfRow);
    expect(paired.map((r) => r.id)).toEqual([10, 11, 12]);
  });

  it("refuses rows that match no input, or a count that differs", () => {
    const stray = [
      { id: 10, indicatorId: 1, asOf: "2023-06-30" },
      { id: 11, indicatorId: 1, asOf: "2023-12-31" },
      { id: 12, indicatorId: 3, asOf: "2023-06-30" },
    ];
    expect(() => pairCreatedWithInputs(inputs, stray, keyOfInput, keyOfRow)).toThrow(/matches none/);
    expect(() =>
      pairCreatedWithInputs(
        inputs.slice(0, 2),
        [...stray.slice(0, 2), { id: 13, indicatorId: 1, asOf: "2023-06-30" }],
        keyOfInput,
        keyOfRow,
      ),
    ).toThrow(/do not match/);
  });
});
