/** `npm run --silent extract`: JSON on stdout and exit 0; a clear message on stderr and exit 2. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ExtractionSchema } from "../../lib/ingest";

const run = (...files: string[]) =>
  spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/extract.ts", ...files], { encoding: "utf8" });

describe("extract CLI", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dpt-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints one merged document as JSON for the two files of the 2022 work points", () => {
    const res = run("seed/documents/2022-work-points.txt", "seed/documents/2022-work-points-partial-traditional.txt");
    expect(res.status).toBe(0);
    const extraction = ExtractionSchema.parse(JSON.parse(res.stdout));
    expect(extraction.tasks).toHaveLength(18);
    expect(extraction.measures).toHaveLength(3);
    expect(extraction.tasks.find((t) => t.number === "10")?.unitsSourceFile).toBe(
      "2022-work-points-partial-traditional.txt",
    );
  }, 30_000);

  it("reads another province's document with the profile given by --profile", () => {
    const profile = {
      departments: [{ name: "省数据局" }, { name: "省财政厅" }],
      synonyms: [],
      repairs: [],
      provincePrefixes: ["某省"],
      provinceShortNames: ["某"],
      docNumberAbbreviations: ["某"],
      places: [],
    };
    const profileFile = path.join(dir, "mou.json");
    const documentFile = path.join(dir, "mou.txt");
    writeFileSync(profileFile, JSON.stringify(profile));
    writeFileSync(
      documentFile,
      "某省数字政府工作要点\n一、任务\n1.推进共享。（牵头单位：某省数据局，配合单位：省财政厅）\n",
    );
    const res = run("--profile", profileFile, documentFile);
    expect(res.status).toBe(0);
    const extraction = ExtractionSchema.parse(JSON.parse(res.stdout));
    expect(extraction.tasks[0]).toMatchObject({ leadUnits: ["省数据局"], cooperatingUnits: ["省财政厅"] });
    expect(extraction.warnings.map((warning) => warning.code)).not.toContain("UNKNOWN_UNIT");

    writeFileSync(profileFile, JSON.stringify({ ...profile, departments: undefined }));
    const invalid = run("--profile", profileFile, documentFile);
    expect(invalid.status).toBe(2);
    expect(invalid.stdout).toBe("");
    expect(invalid.stderr).toContain("departments");
  }, 30_000);

  it("exits 2 with a message on stderr, and nothing on stdout, for unreadable input", () => {
    const binary = path.join(dir, "scan.pdf");
    writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 0, 1, 2, 0, 0, 0, 3]));
    for (const file of [binary, path.join(dir, "missing.txt")]) {
      const res = run(file);
      expect(res.status).toBe(2);
      expect(res.stdout).toBe("");
      expect(res.stderr.length).toBeGreaterThan(10);
    }
  }, 30_000);
});
