/**
 * Genuine Office files for tests, made by the libraries that write them for real (docx, ExcelJS,
 * PptxGenJS), and legacy compound files (.doc/.xls/.ppt, and an .msi-like installer) written by the `cfb`
 * package with the streams each kind holds.
 */
import * as CFB from "cfb";
import { Document, Packer, Paragraph } from "docx";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import PptxGenJS from "pptxgenjs";

export async function genuineDocx(): Promise<Uint8Array> {
  const document = new Document({ sections: [{ children: [new Paragraph("工作方案 · work plan")] }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

export async function genuineXlsx(
  rows: unknown[][] = [
    ["指标编号", "数值"],
    ["a", 1],
  ],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("台账");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function genuinePptx(): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.addSlide().addText("进展汇报", { x: 1, y: 1, w: 6, h: 1 });
  return new Uint8Array((await pptx.write({ outputType: "nodebuffer" })) as Buffer);
}

/** The entries of a zip, to rebuild it with changes. */
export async function zipEntries(bytes: Uint8Array): Promise<{ name: string; data: Uint8Array }[]> {
  const zip = await JSZip.loadAsync(bytes);
  return Promise.all(
    Object.values(zip.files)
      .filter((f) => !f.dir)
      .map(async (f) => ({ name: f.name, data: await f.async("uint8array") })),
  );
}

/** A compound file whose root storage holds the given streams (and, optionally, a root class id). */
export function compoundFile(streams: Record<string, Uint8Array>, rootClassId?: string): Uint8Array {
  // The class id as it is stored: the first three groups little-endian.
  const clsid = rootClassId
    ? (() => {
        const [a, b, c, d, e] = rootClassId.split("-") as [string, string, string, string, string];
        const le = (hex: string) => hex.match(/../g)!.reverse().join("");
        return le(a) + le(b) + le(c) + d + e;
      })()
    : undefined;
  const container = CFB.utils.cfb_new(clsid ? { CLSID: clsid } : undefined);
  for (const [name, data] of Object.entries(streams)) CFB.utils.cfb_add(container, `/${name}`, Buffer.from(data));
  return new Uint8Array(CFB.write(container, { type: "buffer" }) as Buffer);
}

const filled = (size: number, head: number[]) => {
  const bytes = new Uint8Array(size);
  bytes.set(head);
  for (let i = head.length; i < size; i++) bytes[i] = (i * 31) & 0xff;
  return bytes;
};

/** A Word 97–2003 document's streams: WordDocument starting with its File Information Block. */
export function legacyDoc(): Uint8Array {
  return compoundFile(
    {
      WordDocument: filled(8192, [0xec, 0xa5, 0xc1, 0x00]),
      "1Table": filled(4200, []),
      "\u0005SummaryInformation": filled(200, [0xfe, 0xff]),
    },
    "00020906-0000-0000-C000-000000000046",
  );
}

/** An Excel 97–2003 workbook: a small Workbook stream (kept in the mini stream) starting with a BOF record. */
export function legacyXls(streamName: "Workbook" | "Book" = "Workbook"): Uint8Array {
  return compoundFile(
    {
      [streamName]: filled(1500, [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]),
      "\u0005SummaryInformation": filled(200, [0xfe, 0xff]),
    },
    "00020820-0000-0000-C000-000000000046",
  );
}

export function legacyPpt(): Uint8Array {
  return compoundFile({
    "PowerPoint Document": filled(6000, [0x0f, 0x00, 0xe8, 0x03]),
    "Current User": filled(60, [0x00, 0x00, 0xf6, 0x0f]),
  });
}

/** Shaped like a Windows Installer package: its own streams and class id, no document stream. */
export function installerPackage(): Uint8Array {
  return compoundFile(
    {
      "\u4840\u3f3f\u4577\u446c\u3b6a\u45e4\u4824": filled(3000, [0x4d, 0x5a]),
      "\u0005SummaryInformation": filled(200, [0xfe, 0xff]),
    },
    "000C1084-0000-0000-C000-000000000046",
  );
}
