import { joinMapped, sliceMapped, type MappedText } from "./mapped-text";
import { splitLines, type Line } from "./lines";

export interface Dechromed {
  /** The document body: header, footer, chrome lines and table of contents removed. */
  body: MappedText;
  /** YAML front matter (markdown sources), kept as metadata. */
  frontMatter: Record<string, string>;
  /** Header and footer lines that were removed but may carry metadata (title, 印发 date). */
  headerLines: Line[];
  footerLines: Line[];
}

/** A line that can start the document proper (title or notice title); breadcrumbs contain ">". */
const TITLE_LINE = /(规划|要点|方案|通知|意见|办法|计划|纲要)$/;
/** Web-page furniture that can appear anywhere between title and body. */
const CHROME_LINE =
  /^(来源[:：]|发布时间|浏览\s*\d+|阅读[:：]?\s*\d+|\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?$|星期[一二三四五六日天]$|首页\s*[>＞]|当前位置|字号[:：]|【?[大中小]】?\s*[大中小]|扫一扫|分享到|打印本页|关闭窗口|【打印】|联系我们$|法律法规$|协会(地址|传真)|咨询热线)/;
/** First line of the page footer: everything from here on is not document text. */
const FOOTER_LINE =
  /^(编辑[:：]|责任编辑|版权声明|政策相关信息$|相关链接|[>＞]?\s*抄送[:：]|[>＞]?\s*\S*\d{4}年\d{1,2}月\d{1,2}日印发|（\d{4}年\d{1,2}月\d{1,2}日印发）$)/;
const TOC_LINE = /^目\s*录$/;
const HEADER_SEARCH_LINES = 40;

/** Strip page chrome from normalised text; the result is still mapped to the raw file. */
export function stripChrome(mapped: MappedText): Dechromed {
  const lines = splitLines(mapped);
  const { frontMatter, bodyStart: afterFrontMatter } = readFrontMatter(lines);
  const bodyStart = afterFrontMatter > 0 ? afterFrontMatter : findTitleLine(lines);
  const footerStart = findFooter(lines, bodyStart);
  const tocRange = findTableOfContents(lines, bodyStart, footerStart);

  const kept: MappedText[] = [];
  for (let index = bodyStart; index < footerStart; index++) {
    const line = lines[index];
    if (!line) continue;
    if (tocRange && index >= tocRange.from && index < tocRange.to) continue;
    if (CHROME_LINE.test(line.text)) continue;
    kept.push(sliceMapped(mapped, line.start, line.end));
  }
  return {
    body: joinMapped(kept, "\n", mapped.rawLength),
    frontMatter,
    headerLines: lines.slice(0, bodyStart).filter((line) => line.text.length > 0),
    footerLines: lines.slice(footerStart).filter((line) => line.text.length > 0),
  };
}

function readFrontMatter(lines: Line[]): { frontMatter: Record<string, string>; bodyStart: number } {
  const frontMatter: Record<string, string> = {};
  const first = lines.findIndex((line) => line.text.length > 0);
  if (first === -1 || lines[first]?.text !== "---") return { frontMatter, bodyStart: 0 };
  for (let index = first + 1; index < lines.length; index++) {
    const text = lines[index]?.text ?? "";
    if (text === "---") return { frontMatter, bodyStart: index + 1 };
    const match = /^([A-Za-z_][\w-]*)\s*[:：]\s*(.*)$/.exec(text);
    if (match?.[1]) frontMatter[match[1]] = (match[2] ?? "").trim().replace(/^["'“](.*)["'”]$/, "$1");
  }
  // An unterminated front matter block is not front matter.
  return { frontMatter: {}, bodyStart: 0 };
}

function findTitleLine(lines: Line[]): number {
  const limit = Math.min(lines.length, HEADER_SEARCH_LINES);
  for (let index = 0; index < limit; index++) {
    const text = lines[index]?.text ?? "";
    if (text.length > 0 && text.length <= 60 && TITLE_LINE.test(text) && !/[>＞]/.test(text)) return index;
  }
  return 0;
}

function findFooter(lines: Line[], bodyStart: number): number {
  for (let index = bodyStart; index < lines.length; index++) {
    if (FOOTER_LINE.test(lines[index]?.text ?? "")) return index;
  }
  return lines.length;
}

/** A 目录 line followed by heading-only lines, up to the first paragraph. */
function findTableOfContents(lines: Line[], from: number, to: number): { from: number; to: number } | null {
  for (let index = from; index < to; index++) {
    if (!TOC_LINE.test(lines[index]?.text ?? "")) continue;
    let end = index + 1;
    while (end < to) {
      const text = lines[end]?.text ?? "";
      const headingOnly = text.length === 0 || (text.length <= 40 && !/。./.test(text));
      if (!headingOnly) break;
      end++;
    }
    return { from: index, to: end };
  }
  return null;
}
