import type { Dechromed } from "./chrome";
import { splitLines } from "./lines";
import type { IngestProfile } from "./profile";
import { escapeRegExp } from "./repairs";

/** Document facts that the text itself states; the manifest fills what is missing. */
export interface TextMetadata {
  title: string | null;
  issuer: string | null;
  issuedDate: string | null;
  docNumber: string | null;
  baseYear: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  planYear: number | null;
}

const DATE_LINE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const NOTICE_TITLE = /^(.*?)关于印发(.+)的通知$/;

/** 鲁政字〔2021〕128号: the province's abbreviation (from the profile) or 国 for national documents. */
function docNumberPattern(profile: IngestProfile): RegExp {
  const issuers = [...profile.docNumberAbbreviations, "国"].map(escapeRegExp).join("|");
  return new RegExp(`(?:${issuers})[政办发字厅]*[发字函]?〔\\d{4}〕\\d+号`);
}

export function readTextMetadata(dechromed: Dechromed, profile: IngestProfile): TextMetadata {
  const docNumberRe = docNumberPattern(profile);
  const lines = splitLines(dechromed.body).map((line) => line.text);
  const headerText = dechromed.headerLines.map((line) => line.text);
  const bodyText = dechromed.body.text;
  const front = dechromed.frontMatter;

  const notice = lines
    .slice(0, 40)
    .map((line) => NOTICE_TITLE.exec(line))
    .find((match) => match !== null);
  const signature = findSignature(lines);
  const period = /规划期限为(\d{4})\s*[-－—–至到]\s*(\d{4})年/.exec(bodyText);
  const baseYear = /基期为(\d{4})年/.exec(bodyText);
  const title = front.title ?? (notice ? stripBookTitle(notice[2] ?? "") : null) ?? firstTitleLine(lines);
  const planYear = title ? /(\d{4})年工作要点/.exec(title) : null;

  return {
    title: title ?? null,
    issuer: front.author ?? signature?.issuer ?? (notice?.[1] || null),
    issuedDate: isoDate(front.date) ?? signature?.date ?? null,
    docNumber:
      front.subtitle?.match(docNumberRe)?.[0] ??
      [...headerText, ...lines.slice(0, 40)].join("\n").match(docNumberRe)?.[0] ??
      null,
    baseYear: baseYear ? Number(baseYear[1]) : null,
    periodStart: period ? `${period[1]}-01-01` : null,
    periodEnd: period ? `${period[2]}-12-31` : null,
    planYear: planYear ? Number(planYear[1]) : null,
  };
}

/** The issuer's name on the line just above the first standalone date line of the notice. */
function findSignature(lines: string[]): { issuer: string; date: string } | null {
  for (let index = 1; index < Math.min(lines.length, 60); index++) {
    const match = DATE_LINE.exec(lines[index] ?? "");
    const issuer = lines
      .slice(0, index)
      .reverse()
      .find((line) => line.length > 0);
    if (match && issuer && issuer.length <= 30) {
      return { issuer: issuer.replace(/\s+/g, ""), date: `${match[1]}-${pad(match[2])}-${pad(match[3])}` };
    }
  }
  return null;
}

function firstTitleLine(lines: string[]): string | null {
  return lines.slice(0, 20).find((line) => /(规划|要点|方案|意见|计划)$/.test(line) && line.length <= 60) ?? null;
}

function stripBookTitle(title: string): string {
  return title.replace(/^《(.*)》$/, "$1");
}

function isoDate(value: string | undefined): string | null {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

function pad(value: string | undefined): string {
  return (value ?? "").padStart(2, "0");
}
