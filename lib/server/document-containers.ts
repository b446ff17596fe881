import "server-only";
import { readCompoundDirectory } from "../domain/compound-file";
import { msg } from "../i18n/message";
import { AppError } from "./errors";
import { readZip, type ZipRefusal } from "./zip-archive";

/**
 * Whether an uploaded Office or OFD file is the kind of document its extension claims, by its structure:
 * the signature only says "a zip" or "an OLE compound file", and a plain zip holding payload.exe and
 * index.html, or an .msi installer, carries the same signature as a Word document.
 *
 * - OOXML (.docx/.xlsx/.pptx) and OFD are zips, read through zip-archive (every entry verified, inflation
 *   bounded — the same guard as the workbook import). OOXML must hold [Content_Types].xml giving every
 *   part a type, a main part of the claimed kind that exists, and a package relationship pointing to it;
 *   macro-enabled parts are refused (a .docx with macros is a .docm in disguise). OFD must hold OFD.xml.
 * - Legacy .doc/.xls/.ppt are compound files: the root storage must hold the kind's main stream
 *   (WordDocument, Workbook/Book, PowerPoint Document), the first two beginning with their format's own
 *   signature, and the root must not carry an installer's class id.
 */

export type ContainerKind = "docx" | "xlsx" | "pptx" | "ofd" | "doc" | "xls" | "ppt";

export type ContainerCheck = { ok: true } | { ok: false; reason: "mismatch" | ZipRefusal; detail: string };

const MAIN_CONTENT_TYPE = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
} as const;
const OFFICE_DOCUMENT_RELATIONSHIPS = [
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
];
/** .msi, .msp, .mst: compound files that install software. */
const INSTALLER_CLASS_IDS = new Set([
  "000C1084-0000-0000-C000-000000000046",
  "000C1086-0000-0000-C000-000000000046",
  "000C1082-0000-0000-C000-000000000046",
]);
const MAX_XML_PART_BYTES = 1024 * 1024;

const mismatch = (detail: string): ContainerCheck => ({ ok: false, reason: "mismatch", detail });

/** The attributes of every `<tag …>` element in a small XML part (namespace prefixes ignored). */
function elements(xml: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${tag}\\b([^>]*)>`, "g"))) {
    const attributes: Record<string, string> = {};
    for (const attribute of match[1]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes[attribute[1]!] = (attribute[2] ?? attribute[3] ?? "")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
    }
    found.push(attributes);
  }
  return found;
}

/** An OPC part name as a comparable key: no leading slash, percent-decoded, case-insensitive. */
function partKey(name: string): string {
  let decoded = name.replace(/^\/+/, "");
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // left as written
  }
  return decoded.toLowerCase();
}

async function checkOoxml(kind: "docx" | "xlsx" | "pptx", bytes: Uint8Array, maxUnpacked: number) {
  const kept = new Set(["[content_types].xml", "_rels/.rels"]);
  const zip = await readZip(bytes, { maxUnpackedBytes: maxUnpacked, keep: (name) => kept.has(name.toLowerCase()) });
  if (!zip.ok) return zip;
  const text = (name: string) => {
    const entry = zip.entries.find((e) => e.name.toLowerCase() === name);
    if (!entry?.data || entry.size > MAX_XML_PART_BYTES) return null;
    return new TextDecoder().decode(entry.data);
  };
  const types = text("[content_types].xml");
  if (types === null) return mismatch("no [Content_Types].xml");
  const defaults = new Map(
    elements(types, "Default").map((d) => [(d.Extension ?? "").toLowerCase(), d.ContentType ?? ""]),
  );
  const overrides = new Map(elements(types, "Override").map((o) => [partKey(o.PartName ?? ""), o.ContentType ?? ""]));
  const allTypes = [...defaults.values(), ...overrides.values()];
  if (allTypes.some((t) => /macroEnabled|vbaProject|vbaData/i.test(t))) return mismatch("macro-enabled parts");

  const parts = new Set<string>();
  for (const entry of zip.entries) {
    if (entry.name.endsWith("/") || entry.name.toLowerCase() === "[content_types].xml") continue;
    const key = partKey(entry.name);
    parts.add(key);
    const extension = key.includes(".") ? key.slice(key.lastIndexOf(".") + 1) : "";
    if (!overrides.has(key) && !defaults.has(extension)) return mismatch(`part ${entry.name} has no content type`);
  }
  const main = [...overrides].filter(([, type]) => type === MAIN_CONTENT_TYPE[kind]).map(([part]) => part);
  if (main.length !== 1 || !parts.has(main[0]!)) return mismatch(`no main ${kind} part`);

  const relationships = text("_rels/.rels");
  if (relationships === null) return mismatch("no package relationships");
  const target = elements(relationships, "Relationship").find((r) =>
    OFFICE_DOCUMENT_RELATIONSHIPS.includes(r.Type ?? ""),
  )?.Target;
  if (target === undefined || partKey(target) !== main[0])
    return mismatch("the package does not point to its main part");
  return { ok: true } as const;
}

async function checkOfd(bytes: Uint8Array, maxUnpacked: number): Promise<ContainerCheck> {
  const zip = await readZip(bytes, { maxUnpackedBytes: maxUnpacked, keep: (name) => name.toLowerCase() === "ofd.xml" });
  if (!zip.ok) return zip;
  const entry = zip.entries.find((e) => e.name.toLowerCase() === "ofd.xml");
  if (!entry?.data || entry.size > MAX_XML_PART_BYTES) return mismatch("no OFD.xml");
  if (!/<(?:[\w.-]+:)?OFD[\s>]/.test(new TextDecoder().decode(entry.data)))
    return mismatch("OFD.xml is not an OFD entry");
  return { ok: true };
}

const startsWith = (head: Uint8Array, signature: number[]) => signature.every((b, i) => head[i] === b);

function checkCompound(kind: "doc" | "xls" | "ppt", bytes: Uint8Array): ContainerCheck {
  const directory = readCompoundDirectory(bytes);
  if (!directory) return { ok: false, reason: "malformed", detail: "unreadable compound file" };
  if (INSTALLER_CLASS_IDS.has(directory.rootClassId)) return mismatch("an installer package");
  const stream = (...names: string[]) =>
    directory.entries.find((e) => e.type === 2 && names.some((n) => n.toLowerCase() === e.name.toLowerCase()));
  if (kind === "doc") {
    // The File Information Block starts with wIdent 0xA5EC.
    const main = stream("WordDocument");
    return main && startsWith(main.head, [0xec, 0xa5]) ? { ok: true } : mismatch("no WordDocument stream");
  }
  if (kind === "xls") {
    // BIFF5/BIFF8 workbooks start with a BOF record (type 0x0809).
    const main = stream("Workbook", "Book");
    return main && startsWith(main.head, [0x09, 0x08]) ? { ok: true } : mismatch("no Workbook stream");
  }
  const main = stream("PowerPoint Document");
  return main && main.size > 0 ? { ok: true } : mismatch("no PowerPoint Document stream");
}

/** Checks a file already known to carry the zip (OOXML, OFD) or compound-file (doc, xls, ppt) signature. */
export async function checkDocumentContainer(
  kind: ContainerKind,
  bytes: Uint8Array,
  maxUnpackedBytes: number,
): Promise<ContainerCheck> {
  if (kind === "doc" || kind === "xls" || kind === "ppt") return checkCompound(kind, bytes);
  if (kind === "ofd") return checkOfd(bytes, maxUnpackedBytes);
  return checkOoxml(kind, bytes, maxUnpackedBytes);
}

/**
 * The error for a refused archive: 413 when it unpacks (or claims to) past the limit, 415 for features
 * never accepted, 422 for a broken or crafted structure.
 */
export function zipRefusalError(reason: ZipRefusal, maxUnpackedBytes: number): AppError {
  if (reason === "tooLarge") {
    return new AppError("PAYLOAD_TOO_LARGE", msg("uploads.tooLarge", { mb: Math.round(maxUnpackedBytes / 2 ** 20) }));
  }
  if (reason === "unsupported") return new AppError("UNSUPPORTED_MEDIA_TYPE", msg("uploads.unsupportedArchive"));
  return new AppError("VALIDATION", msg("uploads.damaged"));
}
