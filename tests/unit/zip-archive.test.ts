/**
 * The zip reader every upload goes through: crafted archives, built byte by byte, are refused from their
 * structure before anything is inflated, and what is inflated is cut off at what the headers declare.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { listZipEntries, readZip, storedZip } from "../../lib/server/zip-archive";
import { genuineDocx, genuineXlsx, zipEntries } from "../support/office";
import {
  assembleZip,
  centralHeader,
  crc32,
  deflatedZeros,
  endRecord,
  localHeader,
  pack,
  type PackedEntry,
} from "../support/zip";

const LIMIT = 40 * 1024 * 1024;
const refusal = async (bytes: Uint8Array, limit = LIMIT) => {
  const result = await readZip(bytes, { maxUnpackedBytes: limit });
  if (result.ok) throw new Error("accepted");
  return result;
};
const text = (s: string) => new TextEncoder().encode(s);

/** Time and resident-memory growth of refusing a file, to show nothing was inflated. */
async function measured<T>(run: () => Promise<T>): Promise<{ result: T; ms: number; rssGrowthMiB: number }> {
  const rss = process.memoryUsage().rss;
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  return { result, ms, rssGrowthMiB: (process.memoryUsage().rss - rss) / 2 ** 20 };
}

describe("genuine files", () => {
  it("reads an ExcelJS workbook whole, and ExcelJS reads the verified copy", async () => {
    const bytes = await genuineXlsx([
      ["指标编号", "数值"],
      ["5g", 185000],
    ]);
    const zip = await readZip(bytes, { maxUnpackedBytes: LIMIT });
    expect(zip.ok).toBe(true);
    if (!zip.ok) return;
    expect(zip.entries.map((e) => e.name)).toContain("xl/worksheets/sheet1.xml");
    expect(zip.unpackedBytes).toBe(zip.entries.reduce((sum, e) => sum + e.size, 0));
    const copy = storedZip(zip.entries.map((e) => ({ name: e.name, data: e.data! })));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(copy) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(2).getCell(2).value).toBe(185000);
  });

  it("reads a docx, and entries written with data descriptors (streamed zips)", async () => {
    expect((await readZip(await genuineDocx(), { maxUnpackedBytes: LIMIT })).ok).toBe(true);
    const zip = new JSZip();
    zip.file("a.xml", "<a/>".repeat(1000));
    zip.file("b/stored.bin", new Uint8Array(300).fill(7), { compression: "STORE" });
    const streamed = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", streamFiles: true });
    const read = await readZip(streamed, { maxUnpackedBytes: LIMIT });
    expect(read).toMatchObject({ ok: true, unpackedBytes: 4300 });
  });

  it("counts the real unpacked size against the limit, to the byte", async () => {
    const bytes = await genuineXlsx([["x".repeat(1000)]]);
    const read = await readZip(bytes, { maxUnpackedBytes: LIMIT });
    if (!read.ok) throw new Error(read.detail);
    expect((await readZip(bytes, { maxUnpackedBytes: read.unpackedBytes })).ok).toBe(true);
    expect(await refusal(bytes, read.unpackedBytes - 1)).toMatchObject({ reason: "tooLarge" });
  });

  it("keeps only the entries asked for, and still verifies the others", async () => {
    const bytes = assembleZip([pack("keep.xml", text("<k/>")), pack("drop.xml", text("<d/>"))]);
    const read = await readZip(bytes, { maxUnpackedBytes: LIMIT, keep: (name) => name === "keep.xml" });
    expect(read.ok && read.entries.map((e) => [e.name, e.data && new TextDecoder().decode(e.data)])).toEqual([
      ["keep.xml", "<k/>"],
      ["drop.xml", null],
    ]);
  });
});

describe("zip bombs are refused from the headers, in milliseconds, without inflating", () => {
  it("an end record declaring fewer entries than the directory lists (the hidden one: 1 GB of zeros)", async () => {
    const genuine = (await zipEntries(await genuineXlsx())).map((e) => pack(e.name, e.data));
    const bomb = assembleZip([...genuine, deflatedZeros("xl/media/image1.png", 1024)], {
      declaredCount: genuine.length,
    });
    expect(bomb.byteLength).toBeLessThan(1.5 * 1024 * 1024);
    const { result, ms, rssGrowthMiB } = await measured(() => refusal(bomb));
    expect(result).toMatchObject({ reason: "malformed", detail: expect.stringMatching(/declares \d+ entries/) });
    expect(ms).toBeLessThan(250);
    expect(rssGrowthMiB).toBeLessThan(32);
    console.info(
      `EOCD-mismatch bomb (${bomb.byteLength} bytes → 1 GiB): refused in ${ms.toFixed(1)} ms, RSS +${rssGrowthMiB.toFixed(1)} MiB`,
    );
  });

  it("an end record declaring more entries than listed", async () => {
    const bytes = assembleZip([pack("a.xml", text("<a/>"))], { declaredCount: 2 });
    expect(await refusal(bytes)).toMatchObject({ reason: "malformed" });
  });

  it("honest headers declaring more than the limit", async () => {
    const bomb = assembleZip([pack("a.xml", text("<a/>")), deflatedZeros("xl/media/zeros.bin", 1024)]);
    const { result, ms, rssGrowthMiB } = await measured(() => refusal(bomb));
    expect(result).toMatchObject({ reason: "tooLarge" });
    expect(ms).toBeLessThan(250);
    expect(rssGrowthMiB).toBeLessThan(32);
    console.info(`declared 1 GiB bomb: refused in ${ms.toFixed(1)} ms, RSS +${rssGrowthMiB.toFixed(1)} MiB`);
  });

  it("many entries each under the limit adding up past it, and too many entries", async () => {
    const parts = Array.from({ length: 5 }, (_, i) => pack(`p${i}.xml`, new Uint8Array(300 * 1024)));
    expect(await refusal(assembleZip(parts), 1024 * 1024)).toMatchObject({ reason: "tooLarge" });
    const many = Array.from({ length: 5001 }, (_, i) => pack(`${i}.xml`, text("<a/>"), 0));
    expect(await refusal(assembleZip(many))).toMatchObject({ reason: "tooLarge" });
  });

  it("an absurd compression ratio, even under the limit", async () => {
    const bytes = assembleZip([deflatedZeros("sheet.xml", 30)]);
    expect(await refusal(bytes)).toMatchObject({ reason: "tooLarge", detail: expect.stringMatching(/ratio/) });
  });

  it("a header understating the size: inflation stops at the declared size", async () => {
    const zeros = deflatedZeros("xl/media/image1.png", 1024);
    for (const size of [1024, 30 * 1024 * 1024]) {
      const { result, ms, rssGrowthMiB } = await measured(() => refusal(assembleZip([{ ...zeros, size }])));
      expect(result).toMatchObject({ reason: "malformed", detail: expect.stringMatching(/past its declared size/) });
      expect(ms).toBeLessThan(5000); // at most 30 MiB inflated, on a shared machine
      expect(rssGrowthMiB).toBeLessThan(64);
    }
  });

  it("entries that overlap: a second entry hidden inside the first one's data", async () => {
    const inner = pack("inner.xml", text("<i/>".repeat(100)));
    const innerBytes = Buffer.concat([localHeader(inner), Buffer.from(inner.payload)]);
    const outer = pack("outer.bin", innerBytes, 0);
    const outerLocal = localHeader(outer);
    const directory = Buffer.concat([
      centralHeader({ ...outer, offset: 0 }),
      centralHeader({ ...inner, offset: outerLocal.byteLength }),
    ]);
    const body = Buffer.concat([outerLocal, innerBytes]);
    const bytes = Buffer.concat([body, directory, endRecord(2, directory.byteLength, body.byteLength)]);
    expect(await refusal(bytes)).toMatchObject({ reason: "malformed", detail: expect.stringMatching(/overlaps/) });
  });

  it("two directory entries sharing one local header and its data", async () => {
    const a = pack("a.xml", text("<a/>".repeat(1000)));
    const local = Buffer.concat([localHeader(a), Buffer.from(a.payload)]);
    const same = Buffer.concat([centralHeader({ ...a, offset: 0 }), centralHeader({ ...a, offset: 0 })]);
    const renamed = Buffer.concat([
      centralHeader({ ...a, offset: 0 }),
      centralHeader({ ...a, name: "b.xml", offset: 0 }),
    ]);
    for (const directory of [same, renamed]) {
      const bytes = Buffer.concat([local, directory, endRecord(2, directory.byteLength, local.byteLength)]);
      expect(await refusal(bytes)).toMatchObject({ reason: "malformed" });
    }
  });
});

describe("headers that disagree, hidden data and unsupported features", () => {
  const a = pack("a.xml", text("<a/>".repeat(50)));
  const withCentral = (change: (entry: PackedEntry, offset: number) => Buffer) => assembleZip([a], { central: change });

  it("a local header disagreeing with the directory on name, method, flags, sizes or CRC", async () => {
    const variants = [
      withCentral((e, offset) => centralHeader({ ...e, name: "b.xml", offset })),
      withCentral((e, offset) => centralHeader({ ...e, flags: 0, offset })),
      withCentral((e, offset) => centralHeader({ ...e, size: e.size + 1, offset })),
      withCentral((e, offset) => centralHeader({ ...e, compressedSize: e.compressedSize - 1, offset })),
      withCentral((e, offset) => centralHeader({ ...e, crc: e.crc ^ 1, offset })),
    ];
    for (const bytes of variants) expect(await refusal(bytes)).toMatchObject({ reason: "malformed" });
  });

  it("data whose CRC-32 is not the one both headers declare", async () => {
    expect(await refusal(assembleZip([{ ...a, crc: a.crc ^ 1 }]))).toMatchObject({
      reason: "malformed",
      detail: expect.stringMatching(/CRC/),
    });
  });

  it("bytes no entry accounts for: prepended, between entries, before the directory, after the end", async () => {
    const good = assembleZip([a, pack("b.xml", text("<b/>"))]);
    const hidden = Buffer.from("MZ hidden payload");
    const first = localHeader(a).byteLength + a.payload.byteLength;
    const shifted = (at: number) => {
      // Insert bytes at `at` and move every later offset (directory entries and end record) along.
      const bytes = Buffer.concat([Buffer.from(good.subarray(0, at)), hidden, Buffer.from(good.subarray(at))]);
      const eocd = bytes.length - 22;
      const directoryOffset = bytes.readUInt32LE(eocd + 16) + hidden.length;
      bytes.writeUInt32LE(directoryOffset, eocd + 16);
      for (let p = directoryOffset; p < eocd; p += 46 + bytes.readUInt16LE(p + 28)) {
        const local = bytes.readUInt32LE(p + 42);
        if (local >= at) bytes.writeUInt32LE(local + hidden.length, p + 42);
      }
      return bytes;
    };
    expect((await readZip(shifted(0), { maxUnpackedBytes: LIMIT })).ok).toBe(false);
    expect(await refusal(shifted(first))).toMatchObject({ detail: expect.stringMatching(/unlisted bytes/) });
    const directoryAt = Buffer.from(good).readUInt32LE(good.length - 22 + 16);
    expect(await refusal(shifted(directoryAt))).toMatchObject({ detail: expect.stringMatching(/unlisted bytes/) });
    expect(await refusal(Buffer.concat([good, hidden]))).toMatchObject({ reason: "notZip" });
  });

  it("a second end record hidden in the first one's comment (two readers, two archives)", async () => {
    const real = Buffer.from(assembleZip([a]));
    const other = Buffer.from(assembleZip([pack("evil.html", text("<script>alert(1)</script>"))]));
    // The real end record's comment is a whole second archive, whose own end record closes the file.
    const withComment = Buffer.from(real);
    withComment.writeUInt16LE(other.length, withComment.length - 2);
    const shiftedOther = Buffer.from(other);
    const base = real.length;
    const otherEocd = shiftedOther.length - 22;
    shiftedOther.writeUInt32LE(shiftedOther.readUInt32LE(otherEocd + 16) + base, otherEocd + 16);
    const otherDirectory = shiftedOther.readUInt32LE(otherEocd + 16) - base;
    shiftedOther.writeUInt32LE(shiftedOther.readUInt32LE(otherDirectory + 42) + base, otherDirectory + 42);
    const bytes = Buffer.concat([withComment, shiftedOther]);
    expect(await refusal(bytes)).toMatchObject({ reason: "malformed", detail: "two end records" });
    // A comment without a record in it is fine.
    const commented = Buffer.from(real);
    commented.writeUInt16LE(5, commented.length - 2);
    expect((await readZip(Buffer.concat([commented, Buffer.from("hello")]), { maxUnpackedBytes: LIMIT })).ok).toBe(
      true,
    );
  });

  it("encryption, other compression methods, ZIP64 and split archives", async () => {
    const encrypted = pack("a.xml", text("<a/>"));
    expect(await refusal(assembleZip([{ ...encrypted, flags: 0x0801 }]))).toMatchObject({ reason: "unsupported" });
    for (const method of [12, 14, 99]) {
      expect(await refusal(assembleZip([{ ...a, method }]))).toMatchObject({ reason: "unsupported" });
    }
    const zip64Extra = Buffer.alloc(20);
    zip64Extra.writeUInt16LE(0x0001, 0);
    zip64Extra.writeUInt16LE(16, 2);
    expect(await refusal(assembleZip([{ ...a, extra: zip64Extra }]))).toMatchObject({ reason: "unsupported" });
    expect(await refusal(assembleZip([{ ...a, size: 0xffffffff }]))).toMatchObject({ reason: "unsupported" });
    // A ZIP64 end-of-directory locator in front of the end record.
    const good = Buffer.from(assembleZip([a]));
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    const eocd = good.subarray(good.length - 22);
    const directoryOffset = eocd.readUInt32LE(16);
    const zip64 = Buffer.concat([good.subarray(0, good.length - 22), locator, eocd]);
    expect(directoryOffset).toBeGreaterThan(0);
    expect(await refusal(zip64)).toMatchObject({ reason: "unsupported" });
    const split = Buffer.from(good);
    split.writeUInt16LE(1, split.length - 22 + 4);
    expect(await refusal(split)).toMatchObject({ reason: "unsupported" });
  });

  it("not a zip, or cut short", async () => {
    expect(await refusal(text("not a zip at all, just some text here"))).toMatchObject({ reason: "notZip" });
    const good = assembleZip([a]);
    expect((await readZip(good.subarray(0, good.length - 30), { maxUnpackedBytes: LIMIT })).ok).toBe(false);
    const truncated = Buffer.from(assembleZip([{ ...a, payload: a.payload.subarray(0, 5), compressedSize: 5 }]));
    expect(await refusal(truncated)).toMatchObject({ reason: "malformed" });
  });

  it("listZipEntries alone inflates nothing and reports what the headers claim", () => {
    const listed = listZipEntries(assembleZip([a]), { maxUnpackedBytes: LIMIT });
    expect(listed).toMatchObject({
      ok: true,
      entries: [{ name: "a.xml", method: 8, size: 200, crc: crc32(text("<a/>".repeat(50))) }],
    });
  });
});
