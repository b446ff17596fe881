import "server-only";
import { crc32, createInflateRaw } from "node:zlib";

/**
 * The one reader for uploaded zip containers (xlsx imports, Office and OFD evidence, any future document
 * upload). Libraries that read zips (JSZip inside ExcelJS) trust what the file says about itself: how many
 * entries there are, how large each one unpacks. A crafted file lies about both — an end record that
 * declares one entry in front of a central directory listing two, the second a gigabyte of zeros — so
 * nothing here is taken on trust:
 *
 * 1. Structure, before a byte is inflated: the end record must close the file and the central directory
 *    must fill exactly the bytes it declares, listing exactly as many entries as the end record says;
 *    every local header must agree with its directory entry (name, method, flags, sizes, CRC); the
 *    entries must tile the bytes before the directory with no overlap (several entries sharing one
 *    compressed stream) and no gap (hidden data); no ZIP64, split archive, encryption or compression
 *    method other than stored/deflate; no duplicate names; at most `maxEntries` entries.
 * 2. Declared sizes: their sum must stay within `maxUnpackedBytes`, and no large entry may claim a
 *    compression ratio beyond what real documents reach. A 1 GB bomb is refused here, in milliseconds.
 * 3. Actual sizes: each entry is inflated as a stream that is cut off as soon as it produces more than it
 *    declared (so a lying header cannot exceed the total either), and its size and CRC-32 must match.
 *
 * Only then are entries handed out (`keep` chooses which are kept in memory; the others are inflated,
 * counted and dropped). `storedZip` writes kept entries into a fresh archive for a library that wants zip
 * bytes: it reads exactly what was verified, never the uploaded file's own directory.
 */

export type ZipRefusal =
  /** Not a zip at all (no end record closes the file). */
  | "notZip"
  /** Headers that contradict each other or the data: a broken or crafted file. */
  | "malformed"
  /** A zip feature documents never need here: ZIP64, split archives, encryption, other compression. */
  | "unsupported"
  /** Unpacks (or claims to) beyond the limit, too many entries, or an absurd compression ratio. */
  | "tooLarge";

export interface ZipLimits {
  /** The most all entries together may unpack to. */
  maxUnpackedBytes: number;
  /** The most entries an archive may list. */
  maxEntries?: number;
  /** Entries whose inflated bytes are returned; the others are only verified. All when omitted. */
  keep?: (name: string) => boolean;
}

export interface ZipMember {
  name: string;
  /** Verified unpacked size. */
  size: number;
  compressedSize: number;
  /** The inflated bytes, when `keep` chose the entry. */
  data: Uint8Array | null;
}

export type ZipReading =
  { ok: true; entries: ZipMember[]; unpackedBytes: number } | { ok: false; reason: ZipRefusal; detail: string };

export const DEFAULT_MAX_ENTRIES = 5000;
/**
 * Deflate cannot exceed about 1032:1; XML in real workbooks and documents compresses 5–50:1, a sheet of
 * identical rows perhaps 150:1. Entries above RATIO_FLOOR_BYTES claiming more are refused unread.
 */
export const MAX_COMPRESSION_RATIO = 250;
const RATIO_FLOOR_BYTES = 1024 * 1024;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_MASKED_DIRECTORY = 0x2000;

interface Listed {
  name: string;
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  size: number;
  dataStart: number;
  /** End of the entry's bytes, data descriptor included. */
  end: number;
  localOffset: number;
}

type Refusal = { ok: false; reason: ZipRefusal; detail: string };
const refuse = (reason: ZipRefusal, detail: string): Refusal => ({ ok: false, reason, detail });

/** ZIP64 is announced by an extra field with id 1; the walk also catches extra fields that overrun. */
function extraFieldProblem(view: DataView, start: number, length: number): string | null {
  let at = start;
  const end = start + length;
  while (at + 4 <= end) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) return "zip64";
    at += 4 + size;
  }
  return at > end ? "overrun" : null;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Steps 1 and 2: the entries the file lists, every claim cross-checked, nothing inflated. */
export function listZipEntries(
  bytes: Uint8Array,
  limits: Pick<ZipLimits, "maxUnpackedBytes" | "maxEntries">,
): { ok: true; entries: Listed[] } | Refusal {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = bytes.byteLength;
  const maxEntries = limits.maxEntries ?? DEFAULT_MAX_ENTRIES;

  // The end record, whose comment must run exactly to the end of the file. Two candidates (a second
  // record hidden in the first one's comment) would let two readers see two different archives.
  let eocd = -1;
  for (let i = length - 22; i >= Math.max(0, length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD && i + 22 + view.getUint16(i + 20, true) === length) {
      if (eocd >= 0) return refuse("malformed", "two end records");
      eocd = i;
    }
  }
  if (eocd < 0) return refuse("notZip", "no end-of-central-directory record closes the file");
  if (eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) return refuse("unsupported", "zip64");
  const disk = view.getUint16(eocd + 4, true);
  const directoryDisk = view.getUint16(eocd + 6, true);
  const onDisk = view.getUint16(eocd + 8, true);
  const declaredCount = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (declaredCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    return refuse("unsupported", "zip64");
  }
  if (disk !== 0 || directoryDisk !== 0 || onDisk !== declaredCount) return refuse("unsupported", "split archive");
  if (declaredCount > maxEntries) return refuse("tooLarge", `${declaredCount} entries declared`);
  if (directoryOffset + directorySize !== eocd) {
    return refuse("malformed", "the central directory does not end where the end record begins");
  }

  // The central directory, walked to its declared end: the entries actually listed.
  const entries: Listed[] = [];
  const names = new Set<string>();
  let at = directoryOffset;
  while (at < eocd) {
    if (entries.length >= maxEntries) return refuse("tooLarge", `more than ${maxEntries} entries listed`);
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL) {
      return refuse("malformed", "the central directory holds something other than entries");
    }
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const startDisk = view.getUint16(at + 34, true);
    const localOffset = view.getUint32(at + 42, true);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > eocd) return refuse("malformed", "a directory entry overruns the central directory");
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      return refuse("unsupported", "zip64");
    }
    const extra = extraFieldProblem(view, at + 46 + nameLength, extraLength);
    if (extra === "zip64") return refuse("unsupported", "zip64");
    if (extra) return refuse("malformed", "a directory entry's extra field overruns it");
    if (startDisk !== 0) return refuse("unsupported", "split archive");
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_DIRECTORY)) {
      return refuse("unsupported", "encrypted entry");
    }
    if (method !== 0 && method !== 8) return refuse("unsupported", `compression method ${method}`);
    if (method === 0 && compressedSize !== size) return refuse("malformed", "a stored entry changes size");
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = new TextDecoder().decode(nameBytes);
    if (name === "" || name.includes("\u0000") || name.includes("\ufffd")) {
      return refuse("malformed", "an entry without a readable name");
    }
    const key = name.replace(/\\/g, "/").toLowerCase();
    if (names.has(key)) return refuse("malformed", `entry ${name} listed twice`);
    names.add(key);

    // Its local header, which must tell the same story.
    if (localOffset + 30 > directoryOffset || view.getUint32(localOffset, true) !== LOCAL) {
      return refuse("malformed", `entry ${name} points to no local header`);
    }
    const localFlags = view.getUint16(localOffset + 6, true);
    const localMethod = view.getUint16(localOffset + 8, true);
    const localCrc = view.getUint32(localOffset + 14, true);
    const localCompressed = view.getUint32(localOffset + 18, true);
    const localSize = view.getUint32(localOffset + 22, true);
    const localNameLength = view.getUint16(localOffset + 26, true);
    const localExtraLength = view.getUint16(localOffset + 28, true);
    const dataStart = localOffset + 30 + localNameLength + localExtraLength;
    if (dataStart > directoryOffset) return refuse("malformed", `entry ${name}'s local header overruns`);
    const localExtra = extraFieldProblem(view, localOffset + 30 + localNameLength, localExtraLength);
    if (localExtra === "zip64") return refuse("unsupported", "zip64");
    if (localFlags !== flags || localMethod !== method) {
      return refuse("malformed", `entry ${name}: local header and directory disagree on flags or method`);
    }
    if (!sameBytes(bytes.subarray(localOffset + 30, localOffset + 30 + localNameLength), nameBytes)) {
      return refuse("malformed", `entry ${name}: local header names another file`);
    }
    const agrees = (local: number, central: number) =>
      local === central || ((flags & FLAG_DESCRIPTOR) !== 0 && local === 0);
    if (!agrees(localCrc, crc) || !agrees(localCompressed, compressedSize) || !agrees(localSize, size)) {
      return refuse("malformed", `entry ${name}: local header and directory disagree on sizes or CRC`);
    }
    let end = dataStart + compressedSize;
    if (flags & FLAG_DESCRIPTOR) {
      // The data descriptor after the data: optional signature, CRC, sizes — the same as the directory's.
      const signed = end + 4 <= directoryOffset && view.getUint32(end, true) === DESCRIPTOR;
      const fields = signed ? end + 4 : end;
      if (fields + 12 > directoryOffset) return refuse("malformed", `entry ${name}: data descriptor missing`);
      if (
        view.getUint32(fields, true) !== crc ||
        view.getUint32(fields + 4, true) !== compressedSize ||
        view.getUint32(fields + 8, true) !== size
      ) {
        return refuse("malformed", `entry ${name}: data descriptor and directory disagree`);
      }
      end = fields + 12;
    }
    if (end > directoryOffset) return refuse("malformed", `entry ${name}'s data overruns into the directory`);
    entries.push({ name, method, crc, compressedSize, size, dataStart, end, localOffset });
    at = next;
  }
  if (at !== eocd) return refuse("malformed", "the central directory overruns its end record");
  if (entries.length !== declaredCount) {
    return refuse(
      "malformed",
      `the end record declares ${declaredCount} entries, the directory lists ${entries.length}`,
    );
  }
  if (entries.length === 0) return refuse("malformed", "no entries");

  // The entries must tile the bytes before the directory: no overlap, nothing hidden between them.
  const ordered = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let covered = 0;
  for (const entry of ordered) {
    if (entry.localOffset < covered) return refuse("malformed", `entry ${entry.name} overlaps another`);
    if (entry.localOffset > covered) return refuse("malformed", `unlisted bytes before entry ${entry.name}`);
    covered = entry.end;
  }
  if (covered !== directoryOffset) return refuse("malformed", "unlisted bytes before the central directory");

  // What the entries claim, before any of them is inflated.
  let declared = 0;
  for (const entry of entries) {
    declared += entry.size;
    if (entry.size > RATIO_FLOOR_BYTES && entry.size > entry.compressedSize * MAX_COMPRESSION_RATIO) {
      return refuse("tooLarge", `entry ${entry.name} claims a ratio above ${MAX_COMPRESSION_RATIO}:1`);
    }
  }
  if (declared > limits.maxUnpackedBytes) return refuse("tooLarge", `entries declare ${declared} bytes unpacked`);
  return { ok: true, entries };
}

/** Inflates one entry as a stream, stopped as soon as it yields more than it declared. */
function inflateEntry(
  compressed: Uint8Array,
  declared: number,
  keep: boolean,
): Promise<{ ok: true; size: number; crc: number; data: Uint8Array | null } | { ok: false; overflow: boolean }> {
  return new Promise((resolve) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    const chunks: Buffer[] = [];
    let size = 0;
    let crc = 0;
    let settled = false;
    const settle = (result: Parameters<typeof resolve>[0]) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    inflater.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > declared) {
        settle({ ok: false, overflow: true });
        inflater.destroy();
        return;
      }
      crc = crc32(chunk, crc);
      if (keep) chunks.push(chunk);
    });
    inflater.on("end", () => settle({ ok: true, size, crc, data: keep ? Buffer.concat(chunks, size) : null }));
    inflater.on("error", () => settle({ ok: false, overflow: false }));
    inflater.end(compressed);
  });
}

/** Reads and verifies a whole archive (steps 1–3); see the module comment. */
export async function readZip(bytes: Uint8Array, limits: ZipLimits): Promise<ZipReading> {
  const listed = listZipEntries(bytes, limits);
  if (!listed.ok) return listed;
  const members: ZipMember[] = [];
  let total = 0;
  for (const entry of listed.entries) {
    const keep = limits.keep?.(entry.name) ?? true;
    const raw = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let data: Uint8Array | null;
    let size: number;
    let crc: number;
    if (entry.method === 0) {
      size = raw.byteLength;
      crc = crc32(raw);
      data = keep ? raw.slice() : null;
    } else {
      const inflated = await inflateEntry(raw, entry.size, keep);
      if (!inflated.ok) {
        return refuse(
          "malformed",
          inflated.overflow ? `entry ${entry.name} inflates past its declared size` : `entry ${entry.name} is corrupt`,
        );
      }
      ({ size, crc, data } = inflated);
    }
    if (size !== entry.size || crc !== entry.crc) {
      return refuse("malformed", `entry ${entry.name}'s size or CRC-32 differs from its headers`);
    }
    total += size;
    if (total > limits.maxUnpackedBytes) return refuse("tooLarge", "entries unpack past the limit");
    members.push({ name: entry.name, size, compressedSize: entry.compressedSize, data });
  }
  return { ok: true, entries: members, unpackedBytes: total };
}

/**
 * A fresh archive of verified entries, stored uncompressed: what a zip-reading library is given instead
 * of the upload, so it reads exactly the entries (and sizes) that were checked.
 */
export function storedZip(entries: readonly { name: string; data: Uint8Array }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.byteLength, 18);
    local.writeUInt32LE(entry.data.byteLength, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.data.byteLength, 20);
    central.writeUInt32LE(entry.data.byteLength, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, entry.data);
    directory.push(central, name);
    offset += 30 + name.byteLength + entry.data.byteLength;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directoryBytes, end]));
}
