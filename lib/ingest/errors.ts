/** Why an input cannot be ingested at all (as opposed to a warning about part of it). */
export type IngestErrorCode = "UNREADABLE_INPUT" | "EMPTY_INPUT" | "BINARY_INPUT" | "UNDECODABLE_INPUT";

const MESSAGES: Record<IngestErrorCode, { zh: string; en: string }> = {
  UNREADABLE_INPUT: { zh: "无法读取文件", en: "the file cannot be read" },
  EMPTY_INPUT: { zh: "文件为空，没有可提取的文本", en: "the file is empty: there is no text to extract" },
  BINARY_INPUT: {
    zh: "文件不是文本（含有空字节或大量控制字符），可能是二进制文件",
    en: "the file is not text (NUL bytes or many control characters): it looks binary",
  },
  UNDECODABLE_INPUT: {
    zh: "无法按 UTF-8 或 GB18030/GBK 解码该文件",
    en: "the file cannot be decoded as UTF-8 or GB18030/GBK",
  },
};

/** A typed, bilingual error so callers (CLI, importer) can map it to one clear message. */
export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;

  constructor(code: IngestErrorCode, detail?: string) {
    const { zh, en } = MESSAGES[code];
    const suffix = detail ? ` (${detail})` : "";
    super(`${zh} / ${en}${suffix}`);
    this.name = "IngestError";
    this.code = code;
    this.messageZh = zh + suffix;
    this.messageEn = en + suffix;
  }
}
