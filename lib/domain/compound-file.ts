/**
 * A reader for the directory of an OLE compound file (Microsoft's "Compound File Binary" format,
 * [MS-CFB]): the container of legacy .doc, .xls and .ppt files, but also of .msi installers, .msg mails
 * and much else. The signature alone says only "some compound file"; what the file is shows in the
 * streams its root storage holds. Pure: bytes in, names out, every pointer bounds-checked and every
 * chain walked at most once (a crafted file can make chains loop).
 */

export interface CompoundStream {
  name: string;
  /** 1 storage, 2 stream. */
  type: 1 | 2;
  size: number;
  /** The first bytes of a stream (up to 16), for a format's own signature; empty for storages. */
  head: Uint8Array;
}

export interface CompoundDirectory {
  /** The root storage's class id, as in the registry: "00020906-0000-0000-C000-000000000046". */
  rootClassId: string;
  /** The storages and streams directly inside the root storage. */
  entries: CompoundStream[];
}

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const NO_STREAM = 0xffffffff;
const MAX_REGULAR_SECTOR = 0xfffffffa;

export function isCompoundFile(bytes: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

function classId(bytes: Uint8Array): string {
  const hex = (from: number, to: number, reverse: boolean) => {
    const slice = Array.from(bytes.subarray(from, to));
    return (reverse ? slice.reverse() : slice).map((b) => b.toString(16).padStart(2, "0")).join("");
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)]
    .join("-")
    .toUpperCase();
}

/** The root storage's directory, or null when the file is not a readable compound file. */
export function readCompoundDirectory(bytes: Uint8Array): CompoundDirectory | null {
  if (bytes.byteLength < 512 || !isCompoundFile(bytes)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = view.getUint16(26, true);
  const shift = view.getUint16(30, true);
  if (view.getUint16(28, true) !== 0xfffe) return null;
  if (!((major === 3 && shift === 9) || (major === 4 && shift === 12))) return null;
  if (view.getUint16(32, true) !== 6) return null;
  const sectorSize = 1 << shift;
  const sectorCount = Math.floor((bytes.byteLength - sectorSize) / sectorSize) + 1;
  const fatCount = view.getUint32(44, true);
  const firstDirectory = view.getUint32(48, true);
  const cutoff = view.getUint32(56, true);
  const firstMiniFat = view.getUint32(60, true);
  let difatSector = view.getUint32(68, true);
  const difatCount = view.getUint32(72, true);
  if (fatCount > sectorCount || difatCount > sectorCount || cutoff !== 4096) return null;

  const offsetOf = (sector: number) => (sector + 1) * sectorSize;
  const validSector = (sector: number) =>
    sector <= MAX_REGULAR_SECTOR && offsetOf(sector) + sectorSize <= bytes.byteLength;

  // The FAT's own sectors: 109 in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(view.getUint32(76 + 4 * i, true));
  const seenDifat = new Set<number>();
  const perDifat = sectorSize / 4 - 1;
  while (fatSectors.length < fatCount) {
    if (!validSector(difatSector) || seenDifat.has(difatSector) || seenDifat.size >= difatCount) return null;
    seenDifat.add(difatSector);
    const base = offsetOf(difatSector);
    for (let i = 0; i < perDifat && fatSectors.length < fatCount; i++) {
      fatSectors.push(view.getUint32(base + 4 * i, true));
    }
    difatSector = view.getUint32(base + 4 * perDifat, true);
  }
  const fat: number[] = [];
  for (const sector of fatSectors) {
    if (!validSector(sector)) return null;
    const base = offsetOf(sector);
    for (let i = 0; i < sectorSize / 4; i++) fat.push(view.getUint32(base + 4 * i, true));
  }

  /** The sectors of a chain, or null when it leaves the file, loops or never ends. */
  const chain = (start: number, table: readonly number[], valid: (sector: number) => boolean): number[] | null => {
    const sectors: number[] = [];
    const seen = new Set<number>();
    let sector = start;
    while (sector !== END_OF_CHAIN) {
      if (!valid(sector) || seen.has(sector) || sector >= table.length) return null;
      seen.add(sector);
      sectors.push(sector);
      sector = table[sector]!;
    }
    return sectors;
  };

  const directorySectors = chain(firstDirectory, fat, validSector);
  if (!directorySectors || directorySectors.length === 0) return null;
  const entryOffsets = directorySectors.flatMap((sector) =>
    Array.from({ length: sectorSize / 128 }, (_, i) => offsetOf(sector) + 128 * i),
  );
  const entry = (id: number) => {
    const at = entryOffsets[id]!;
    const nameLength = view.getUint16(at + 64, true);
    const name =
      nameLength >= 2 && nameLength <= 64 && nameLength % 2 === 0
        ? new TextDecoder("utf-16le").decode(bytes.subarray(at, at + nameLength - 2))
        : null;
    return {
      name,
      type: view.getUint8(at + 66),
      left: view.getUint32(at + 68, true),
      right: view.getUint32(at + 72, true),
      child: view.getUint32(at + 76, true),
      classId: bytes.subarray(at + 80, at + 96),
      start: view.getUint32(at + 116, true),
      // Version 3 files may leave garbage in the high half.
      size:
        major === 3
          ? view.getUint32(at + 120, true)
          : view.getUint32(at + 120, true) + view.getUint32(at + 124, true) * 2 ** 32,
    };
  };
  const root = entry(0);
  if (root.type !== 5) return null;

  // The mini stream (small streams live in it, in 64-byte sectors), for reading streams' first bytes.
  const miniFatSectors = firstMiniFat === END_OF_CHAIN ? [] : chain(firstMiniFat, fat, validSector);
  const rootSectors = root.start === END_OF_CHAIN ? [] : chain(root.start, fat, validSector);
  const miniFat = (miniFatSectors ?? []).flatMap((sector) =>
    Array.from({ length: sectorSize / 4 }, (_, i) => view.getUint32(offsetOf(sector) + 4 * i, true)),
  );
  const head = (start: number, size: number): Uint8Array | null => {
    const length = Math.min(16, size);
    if (length === 0) return new Uint8Array(0);
    if (size >= cutoff) {
      if (!validSector(start)) return null;
      return bytes.slice(offsetOf(start), offsetOf(start) + length);
    }
    if (!rootSectors || miniFatSectors === null || start >= miniFat.length) return null;
    const position = start * 64;
    const container = rootSectors[Math.floor(position / sectorSize)];
    if (container === undefined) return null;
    const at = offsetOf(container) + (position % sectorSize);
    return bytes.slice(at, at + length);
  };

  // The root's children: a red-black tree threaded through left/right sibling ids.
  const entries: CompoundStream[] = [];
  const visited = new Set<number>();
  const pending = [root.child];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (id === NO_STREAM) continue;
    if (id === 0 || id >= entryOffsets.length || visited.has(id)) return null;
    visited.add(id);
    const child = entry(id);
    if (child.name === null || (child.type !== 1 && child.type !== 2)) return null;
    const first = child.type === 2 ? head(child.start, child.size) : new Uint8Array(0);
    if (first === null) return null;
    entries.push({ name: child.name, type: child.type, size: child.size, head: first });
    pending.push(child.left, child.right);
  }
  return { rootClassId: classId(root.classId), entries };
}
