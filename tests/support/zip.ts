/**
 * A minimal zip writer for tests that need a file whose headers say what the test wants, true or not
 * (declared sizes, compression method), which real zip libraries refuse to write.
 */
import { constants, crc32 as zlibCrc32, deflateRawSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntryInput {
  name: string;
  data: Uint8Array;
  /** The uncompressed size written into both headers; the real size when omitted. */
  declaredSize?: number;
}

/** Deflates each entry and writes local headers, a central directory and its end record. */
export function writeZip(entries: ZipEntryInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const compressed = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const size = entry.declaredSize ?? entry.data.byteLength;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x0800, 8);
    head.writeUInt16LE(8, 10);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(compressed.byteLength, 20);
    head.writeUInt32LE(size, 24);
    head.writeUInt16LE(name.byteLength, 28);
    head.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    central.push(head, name);
    offset += local.byteLength + name.byteLength + compressed.byteLength;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/*
 * Building blocks for archives whose structure lies: each header written exactly as the test says, so a
 * test can make the end record, the central directory and the local headers disagree.
 */
export interface RawEntry {
  name: string;
  /** 0 stored, 8 deflated, anything else as written. */
  method: number;
  flags?: number;
  crc: number;
  compressedSize: number;
  size: number;
  extra?: Uint8Array;
}

export function localHeader(entry: RawEntry): Buffer {
  const name = Buffer.from(entry.name, "utf8");
  const extra = Buffer.from(entry.extra ?? new Uint8Array(0));
  const head = Buffer.alloc(30);
  head.writeUInt32LE(0x04034b50, 0);
  head.writeUInt16LE(20, 4);
  head.writeUInt16LE(entry.flags ?? 0x0800, 6);
  head.writeUInt16LE(entry.method, 8);
  head.writeUInt32LE(entry.crc, 14);
  head.writeUInt32LE(entry.compressedSize, 18);
  head.writeUInt32LE(entry.size, 22);
  head.writeUInt16LE(name.byteLength, 26);
  head.writeUInt16LE(extra.byteLength, 28);
  return Buffer.concat([head, name, extra]);
}

export function centralHeader(entry: RawEntry & { offset: number }): Buffer {
  const name = Buffer.from(entry.name, "utf8");
  const extra = Buffer.from(entry.extra ?? new Uint8Array(0));
  const head = Buffer.alloc(46);
  head.writeUInt32LE(0x02014b50, 0);
  head.writeUInt16LE(20, 4);
  head.writeUInt16LE(20, 6);
  head.writeUInt16LE(entry.flags ?? 0x0800, 8);
  head.writeUInt16LE(entry.method, 10);
  head.writeUInt32LE(entry.crc, 16);
  head.writeUInt32LE(entry.compressedSize, 20);
  head.writeUInt32LE(entry.size, 24);
  head.writeUInt16LE(name.byteLength, 28);
  head.writeUInt16LE(extra.byteLength, 30);
  head.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([head, name, extra]);
}

export function endRecord(count: number, directorySize: number, directoryOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return end;
}

/** An entry's contents ready for the headers: deflated unless `method` says stored. */
export interface PackedEntry extends RawEntry {
  payload: Uint8Array;
}

export function pack(name: string, data: Uint8Array, method: 0 | 8 = 8): PackedEntry {
  const payload = method === 8 ? deflateRawSync(data) : data;
  return { name, method, crc: crc32(data), compressedSize: payload.byteLength, size: data.byteLength, payload };
}

/**
 * `mib` MiB of zeros as one raw deflate stream, made without ever holding them: one MiB compressed with a
 * sync flush (byte-aligned, not final, and, all of it zeros, the same whatever came before) repeated, then
 * an empty final block. About 1 KB per MiB: a gigabyte fits in a 1 MB upload.
 */
export function deflatedZeros(name: string, mib: number): PackedEntry {
  const chunk = deflateRawSync(new Uint8Array(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
  const payload = Buffer.concat([...Array.from({ length: mib }, () => chunk), deflateRawSync(new Uint8Array(0))]);
  const zerosMiB = new Uint8Array(1024 * 1024);
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = zlibCrc32(zerosMiB, crc);
  return { name, method: 8, crc, compressedSize: payload.byteLength, size: mib * 1024 * 1024, payload };
}

/**
 * Lays out packed entries as a zip: local headers and data in order, then a central directory of
 * `listed` (all of them by default) and an end record declaring `declaredCount` entries (the listed
 * count by default).
 */
export function assembleZip(
  entries: readonly PackedEntry[],
  options: { declaredCount?: number; central?: (entry: PackedEntry, offset: number) => Buffer } = {},
): Uint8Array {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const local = Buffer.concat([localHeader(entry), Buffer.from(entry.payload)]);
    directory.push(options.central ? options.central(entry, offset) : centralHeader({ ...entry, offset }));
    parts.push(local);
    offset += local.byteLength;
  }
  const directoryBytes = Buffer.concat(directory);
  return new Uint8Array(
    Buffer.concat([
      ...parts,
      directoryBytes,
      endRecord(options.declaredCount ?? entries.length, directoryBytes.byteLength, offset),
    ]),
  );
}
