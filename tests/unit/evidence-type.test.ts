import { describe, expect, it } from "vitest";
import { readCompoundDirectory } from "../../lib/domain/compound-file";
import { detectEvidenceType } from "../../lib/server/evidence";
import {
  compoundFile,
  genuineDocx,
  genuinePptx,
  genuineXlsx,
  installerPackage,
  legacyDoc,
  legacyPpt,
  legacyXls,
  zipEntries,
} from "../support/office";
import { assembleZip, deflatedZeros, pack, writeZip } from "../support/zip";

const bytes = (...b: number[]) => new Uint8Array([...b, 0, 0, 0, 0]);
const LIMIT = 64 * 1024 * 1024;
const detect = (name: string, data: Uint8Array) => detectEvidenceType(name, data, LIMIT);
const text = (s: string) => new TextEncoder().encode(s);

/** Rebuilds a genuine OOXML file with its entries changed. */
async function altered(
  file: Uint8Array,
  change: (entries: { name: string; data: Uint8Array }[]) => { name: string; data: Uint8Array }[],
): Promise<Uint8Array> {
  return writeZip(change(await zipEntries(file)));
}
const editText = (from: RegExp | string, to: string) => (e: { name: string; data: Uint8Array }) => ({
  name: e.name,
  data: text(new TextDecoder().decode(e.data).replace(from, to)),
});

const CONTENT_TYPES = "[Content_Types].xml";
const OFD_XML = `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`;

describe("evidence type detection (by content and extension together)", () => {
  it("accepts files whose bytes match their extension", async () => {
    expect(await detect("a.pdf", bytes(0x25, 0x50, 0x44, 0x46, 0x2d))).toEqual({ ok: true, type: "pdf" });
    expect(await detect("a.PNG", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toEqual({
      ok: true,
      type: "png",
    });
    expect(await detect("照片.jpeg", bytes(0xff, 0xd8, 0xff, 0xe0))).toEqual({ ok: true, type: "jpg" });
  });

  it("accepts genuine Office documents, legacy ones and OFD", async () => {
    expect(await detect("方案.docx", await genuineDocx())).toEqual({ ok: true, type: "docx" });
    expect(await detect("台账.XLSX", await genuineXlsx())).toEqual({ ok: true, type: "xlsx" });
    expect(await detect("汇报.pptx", await genuinePptx())).toEqual({ ok: true, type: "pptx" });
    expect(await detect("旧方案.doc", legacyDoc())).toEqual({ ok: true, type: "doc" });
    expect(await detect("旧台账.xls", legacyXls())).toEqual({ ok: true, type: "xls" });
    expect(await detect("BIFF5.xls", legacyXls("Book"))).toEqual({ ok: true, type: "xls" });
    expect(await detect("旧汇报.ppt", legacyPpt())).toEqual({ ok: true, type: "ppt" });
    const ofd = writeZip([
      { name: "OFD.xml", data: text(OFD_XML) },
      { name: "Doc_0/Document.xml", data: text("<ofd:Document/>") },
    ]);
    expect(await detect("公文.ofd", ofd)).toEqual({ ok: true, type: "ofd" });
  });

  it("refuses signature mismatches and anything else", async () => {
    const unknown = { ok: false, reason: "unknown" };
    expect(await detect("a.pdf", bytes(0x4d, 0x5a))).toEqual(unknown); // an .exe
    expect(await detect("a.png", bytes(0x25, 0x50, 0x44, 0x46, 0x2d))).toEqual(unknown); // a PDF named .png
    expect(await detect("a.zip", bytes(0x50, 0x4b, 0x03, 0x04))).toEqual(unknown); // a plain zip
    expect(await detect("a.html", text("<html></html>"))).toEqual(unknown);
    expect(await detect("noext", bytes(0x25, 0x50, 0x44, 0x46, 0x2d))).toEqual(unknown);
    expect(await detect("a.docx", legacyDoc())).toEqual(unknown); // a compound file named as OOXML
    expect(await detect("a.doc", await genuineDocx())).toEqual(unknown); // and the other way round
  });
});

describe("disguised containers: the structure must be the document the extension names", () => {
  it("a plain zip holding payload.exe and index.html, named report.docx (or .xlsx, .pptx, .ofd)", async () => {
    const zip = writeZip([
      { name: "payload.exe", data: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) },
      { name: "index.html", data: text("<script>alert(1)</script>") },
    ]);
    for (const name of ["report.docx", "report.xlsx", "report.pptx", "report.ofd"]) {
      expect(await detect(name, zip)).toMatchObject({ ok: false, reason: "mismatch" });
    }
  });

  it("a genuine OOXML file named as another OOXML kind", async () => {
    expect(await detect("a.xlsx", await genuineDocx())).toMatchObject({ ok: false, reason: "mismatch" });
    expect(await detect("a.docx", await genuineXlsx())).toMatchObject({ ok: false, reason: "mismatch" });
    expect(await detect("a.docx", await genuinePptx())).toMatchObject({ ok: false, reason: "mismatch" });
  });

  it("OOXML without the main part, without its content type, with an untyped extra part, or with macros", async () => {
    const docx = await genuineDocx();
    const variants = [
      await altered(docx, (es) => es.filter((e) => e.name !== "word/document.xml")),
      await altered(docx, (es) => es.filter((e) => e.name !== CONTENT_TYPES)),
      await altered(docx, (es) => es.filter((e) => e.name !== "_rels/.rels")),
      await altered(docx, (es) =>
        es.map((e) =>
          e.name === CONTENT_TYPES ? editText(/PartName="\/word\/document.xml"/, 'PartName="/word/other.xml"')(e) : e,
        ),
      ),
      await altered(docx, (es) => [...es, { name: "word/payload.exe", data: bytes(0x4d, 0x5a) }]),
      await altered(docx, (es) =>
        es.map((e) =>
          e.name === CONTENT_TYPES
            ? editText("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml")(e)
            : e,
        ),
      ),
      await altered(docx, (es) =>
        es.map((e) =>
          e.name === CONTENT_TYPES
            ? editText(
                "</Types>",
                '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
              )(e)
            : e,
        ),
      ),
    ];
    for (const file of variants) expect(await detect("a.docx", file)).toMatchObject({ ok: false, reason: "mismatch" });
  });

  it("an OFD without OFD.xml", async () => {
    const zip = writeZip([{ name: "Doc_0/Document.xml", data: text("<ofd:Document/>") }]);
    expect(await detect("a.ofd", zip)).toMatchObject({ ok: false, reason: "mismatch" });
  });

  it("an installer (.msi) or any compound file without the kind's stream, named .doc/.xls/.ppt", async () => {
    for (const name of ["setup.doc", "setup.xls", "setup.ppt"]) {
      expect(await detect(name, installerPackage())).toMatchObject({ ok: false, reason: "mismatch" });
    }
    // Streams with other names, and the right names around the wrong bytes.
    const other = compoundFile({ Payload: new Uint8Array(5000).fill(0x90), Contents: new Uint8Array(100) });
    expect(await detect("a.doc", other)).toMatchObject({ ok: false, reason: "mismatch" });
    expect(await detect("a.doc", legacyXls())).toMatchObject({ ok: false, reason: "mismatch" });
    expect(await detect("a.xls", legacyDoc())).toMatchObject({ ok: false, reason: "mismatch" });
    expect(await detect("a.ppt", legacyDoc())).toMatchObject({ ok: false, reason: "mismatch" });
    const fakeWord = compoundFile({ WordDocument: new Uint8Array(5000).fill(0x4d) });
    expect(await detect("a.doc", fakeWord)).toMatchObject({ ok: false, reason: "mismatch" });
    // A WordDocument stream inside an installer's class id.
    const disguisedInstaller = compoundFile(
      { WordDocument: legacyDocStream() },
      "000C1084-0000-0000-C000-000000000046",
    );
    expect(await detect("a.doc", disguisedInstaller)).toMatchObject({ ok: false, reason: "mismatch" });
  });

  it("a compound file whose directory cannot be read is refused, not guessed", async () => {
    const doc = legacyDoc();
    const broken = doc.slice(0, 600); // the header, and no directory sector
    expect(await detect("a.doc", broken)).toMatchObject({ ok: false, reason: "malformed" });
    // A directory chain that loops back on itself.
    const looped = doc.slice();
    const view = new DataView(looped.buffer);
    const firstDirectory = view.getUint32(48, true);
    const fatSector = view.getUint32(76, true);
    view.setUint32(512 * (fatSector + 1) + 4 * firstDirectory, firstDirectory, true);
    expect(readCompoundDirectory(looped)).toBeNull();
    expect(await detect("a.doc", looped)).toMatchObject({ ok: false, reason: "malformed" });
  });

  it("a zip bomb named .docx is refused from its headers, before anything is inflated", async () => {
    const docxEntries = (await zipEntries(await genuineDocx())).map((e) => pack(e.name, e.data));
    const zeros = deflatedZeros("word/media/image1.png", 1024);
    const bomb = assembleZip([...docxEntries, zeros], { declaredCount: docxEntries.length });
    const honestCount = assembleZip([...docxEntries, zeros]);
    const start = performance.now();
    expect(await detect("report.docx", bomb)).toMatchObject({ ok: false, reason: "malformed" });
    expect(await detect("report.docx", honestCount)).toMatchObject({ ok: false, reason: "tooLarge" });
    expect(performance.now() - start).toBeLessThan(250);
  });
});

describe("reading a compound file's directory", () => {
  it("lists the root storage's streams with their first bytes, from the FAT and from the mini stream", () => {
    const doc = readCompoundDirectory(legacyDoc())!;
    expect(doc.rootClassId).toBe("00020906-0000-0000-C000-000000000046");
    const word = doc.entries.find((e) => e.name === "WordDocument")!;
    expect(word).toMatchObject({ type: 2, size: 8192 });
    expect([...word.head.subarray(0, 2)]).toEqual([0xec, 0xa5]);
    const xls = readCompoundDirectory(legacyXls())!;
    const workbook = xls.entries.find((e) => e.name === "Workbook")!;
    expect(workbook.size).toBeLessThan(4096); // held in the mini stream
    expect([...workbook.head.subarray(0, 2)]).toEqual([0x09, 0x08]);
    expect(readCompoundDirectory(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBeNull();
  });
});

function legacyDocStream(): Uint8Array {
  const stream = new Uint8Array(8192);
  stream.set([0xec, 0xa5, 0xc1, 0x00]);
  return stream;
}
