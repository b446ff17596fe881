/**
 * Renders a bulletin snapshot into one of its five files. The files are always in Chinese: a bulletin
 * is an official document, whatever language the person pressing the button reads.
 */
import { createTranslator } from "../i18n/catalogue";
import type { BulletinFileFormat, BulletinMeta, BulletinSnapshot } from "./bulletin";
import { composeBulletin } from "./bulletin-document";
import { buildBulletinDocx } from "./bulletin-docx";
import { buildBulletinPdf } from "./bulletin-pdf";
import { buildBulletinCsv, buildBulletinXlsx } from "./bulletin-sheets";
import { buildBulletinSlides } from "./bulletin-slides";

export async function renderBulletinFile(
  format: BulletinFileFormat,
  snapshot: BulletinSnapshot,
  meta: BulletinMeta,
): Promise<Buffer> {
  const t = createTranslator("zh-CN");
  const info = { title: meta.title, author: meta.issuer, date: new Date(`${meta.issuedOn}T00:00:00+08:00`) };
  switch (format) {
    case "docx":
      return buildBulletinDocx(composeBulletin(snapshot, meta, t, "zh-CN"), info);
    case "pdf":
      return buildBulletinPdf(composeBulletin(snapshot, meta, t, "zh-CN"), info);
    case "xlsx":
      return buildBulletinXlsx(snapshot, meta, t);
    case "csv":
      return buildBulletinCsv(snapshot, t);
    case "pptx":
      return buildBulletinSlides(snapshot, meta, t);
  }
}
