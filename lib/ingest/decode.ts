import { IngestError } from "./errors";

/** Share of C0 control characters (other than tab/newline/CR/form feed) above which text is treated as binary. */
const MAX_CONTROL_RATIO = 0.02;

/**
 * Bytes → string. UTF-8 first (BOM stripped); when the bytes are not valid UTF-8 they are decoded as
 * GB18030, the superset of GBK/GB2312 in which older Chinese government pages are still published.
 * Empty and binary input is rejected with an {@link IngestError}.
 */
export function decodeDocument(bytes: Uint8Array, fileName?: string): string {
  if (bytes.length === 0) throw new IngestError("EMPTY_INPUT", fileName);
  if (bytes.includes(0)) throw new IngestError("BINARY_INPUT", fileName);

  const text = decodeUtf8OrGb18030(bytes, fileName);
  if (text.trim().length === 0) throw new IngestError("EMPTY_INPUT", fileName);
  if (controlCharacterRatio(text) > MAX_CONTROL_RATIO) throw new IngestError("BINARY_INPUT", fileName);
  return text;
}

function decodeUtf8OrGb18030(bytes: Uint8Array, fileName?: string): string {
  try {
    // ignoreBOM: false (the default) strips a leading UTF-8 BOM.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      throw new IngestError("UNDECODABLE_INPUT", fileName);
    }
  }
}

function controlCharacterRatio(text: string): number {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isAllowedWhitespace = code === 9 || code === 10 || code === 12 || code === 13;
    if ((code < 32 && !isAllowedWhitespace) || code === 127) control++;
  }
  return control / text.length;
}
