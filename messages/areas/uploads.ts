import type { Widen } from "../widen";

// Why an uploaded document or workbook was refused (evidence files, bulk imports). These reach API
// clients too, which have no locale: the server sends both languages, "中文 · English".
export const uploadsZh = {
  disguised: "文件内容与扩展名 .{ext} 不符：不是有效的 {label} 文件",
  unknownType: "仅支持 PDF、OFD、图片（PNG/JPEG）与 Office 文档",
  tooLarge: "文件解压后超过 {mb} MB",
  damaged: "文件已损坏或结构异常，无法安全读取",
  unsupportedArchive: "文件使用了不支持的压缩包特性（加密、ZIP64、分卷或其他压缩方式）",
  workbookTooLarge: "Excel 文件解压后超过 {mb} MB，请分批导入",
  notWorkbook: "不是有效的 Excel 文件",
} as const;

export const uploadsEn: Widen<typeof uploadsZh> = {
  disguised: "The file's content does not match its .{ext} extension: it is not a valid {label} file",
  unknownType: "Only PDF, OFD, PNG/JPEG images and Office documents are accepted",
  tooLarge: "The file unpacks to more than {mb} MB",
  damaged: "The file is damaged or malformed and cannot be read safely",
  unsupportedArchive:
    "The file uses an archive feature that is not accepted (encryption, ZIP64, split archives or another compression method)",
  workbookTooLarge: "The workbook unpacks to more than {mb} MB, split it",
  notWorkbook: "Not a valid Excel workbook",
};
