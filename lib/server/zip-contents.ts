import "server-only";
import { inflateRawSync } from "node:zlib";
import { readZipEntries } from "../domain/observation-import";

export type ZipContentsCheck = { ok: true; unpackedBytes: number } | { ok: false; reason: "invalid" | "tooLarge" };

/**
 * Inflates every entry of a zip with a bounded output and a running total, before a library that trusts
 * the headers (ExcelJS inflates each entry whole) is given the file. A zip can declare tiny sizes and
 * still inflate to gigabytes, and several entries can share one compressed stream; counting what
 * actually comes out is the only reliable measure. Memory stays below `maxTotalBytes` (plus one entry's
 * output buffer); an entry whose real size differs from its declared size makes the file invalid.
 */
export function checkZipContents(bytes: Uint8Array, maxTotalBytes: number): ZipContentsCheck {
  const entries = readZipEntries(bytes);
  if (entries === null || entries.length === 0) return { ok: false, reason: "invalid" };
  let total = 0;
  for (const entry of entries) {
    if (entry.encrypted) return { ok: false, reason: "invalid" };
    const remaining = maxTotalBytes - total;
    if (entry.declaredSize > remaining) return { ok: false, reason: "tooLarge" };
    const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    let size: number;
    if (entry.method === 0) {
      size = data.byteLength;
    } else if (entry.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, remaining) }).byteLength;
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return { ok: false, reason: "tooLarge" };
        return { ok: false, reason: "invalid" };
      }
    } else {
      return { ok: false, reason: "invalid" };
    }
    if (size !== entry.declaredSize) return { ok: false, reason: "invalid" };
    total += size;
    if (total > maxTotalBytes) return { ok: false, reason: "tooLarge" };
  }
  return { ok: true, unpackedBytes: total };
}
