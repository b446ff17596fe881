import type { BulletinBlock, TableColumn } from "@/lib/reports/bulletin-document";
import { isNowrap } from "@/lib/reports/table-layout";

/**
 * The column that stays in view while a wide table scrolls sideways on a phone: the first one that
 * names the row (a 序号 column alone says nothing), i.e. the first text column, else the first.
 */
function stickyColumn(columns: TableColumn[]): number {
  const named = columns.findIndex((c) => !isNowrap(c));
  return named < 0 ? 0 : named;
}

/**
 * The preview: the same blocks the Word and PDF files are made of (lib/reports/bulletin-document.ts),
 * as HTML. Tables scroll sideways on a phone with the column naming the row kept in view; figures, dates
 * and status words never wrap.
 */
export function BulletinView({ blocks }: { blocks: BulletinBlock[] }) {
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 font-serif leading-relaxed text-slate-900 md:p-10">
      {blocks.map((block, i) => {
        switch (block.kind) {
          case "redHeader":
            return (
              <header key={i} data-testid="bulletin-red-header" className="mb-4 border-b-2 border-red-600 pb-2">
                <p className="text-center text-2xl font-bold tracking-wide text-red-600 md:text-3xl">{block.issuer}</p>
                <p className="mt-3 flex flex-wrap justify-between gap-2 text-sm">
                  <span>{block.issueLabel}</span>
                  <span>{block.docNumber}</span>
                </p>
              </header>
            );
          case "signature":
            return (
              <div key={i} className="mt-8 text-right">
                <p>{block.issuer}</p>
                <p>{block.date}</p>
              </div>
            );
          case "closing":
            return (
              <footer key={i} data-testid="bulletin-closing" className="mt-10 border-y-2 border-slate-800 text-sm">
                <p className="border-b border-slate-800 px-2 py-1">抄送：{block.copyTo}</p>
                <p className="flex flex-wrap justify-between gap-2 px-2 py-1">
                  <span>{block.printedBy}</span>
                  <span>{block.printedOn}</span>
                </p>
              </footer>
            );
          case "title":
            return (
              <h2 key={i} className="my-4 text-center text-xl font-bold text-red-800 md:text-2xl">
                {block.text}
              </h2>
            );
          case "meta":
            return (
              <p key={i} className="text-center text-sm text-slate-700">
                {block.text}
              </p>
            );
          case "heading":
            return (
              <h3 key={i} className="mt-6 mb-2 text-lg font-bold">
                {block.text}
              </h3>
            );
          case "paragraph":
            return (
              <p key={i} className="my-2 indent-8">
                {block.text}
              </p>
            );
          case "narrative":
            return (
              <div key={i} className="my-3">
                <p className="font-semibold">{block.head}</p>
                <p className="indent-8 whitespace-pre-line">{block.text}</p>
              </div>
            );
          case "table":
            return (
              <div key={i} className="my-4">
                <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={block.caption}>
                  <table data-testid={block.testId} className="min-w-full border-collapse text-sm">
                    {block.caption ? (
                      <caption className="mb-1 text-center font-semibold">{block.caption}</caption>
                    ) : null}
                    <thead>
                      <tr>
                        {block.columns.map((c, ci) => (
                          <th
                            key={c.header}
                            scope="col"
                            className={`border border-slate-400 bg-slate-100 px-2 py-1 whitespace-nowrap ${
                              ci === stickyColumn(block.columns) ? "sticky left-0 z-10" : ""
                            }`}
                          >
                            {c.header}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {block.rows.map((row, r) => (
                        <tr key={r}>
                          {row.map((cell, c) => (
                            <td
                              key={c}
                              className={`border border-slate-300 px-2 py-1 align-top ${
                                c === stickyColumn(block.columns)
                                  ? "sticky left-0 z-10 max-w-[40vw] bg-white md:max-w-none"
                                  : ""
                              } ${block.columns[c] && isNowrap(block.columns[c]) ? "whitespace-nowrap" : "min-w-[8rem]"} ${
                                block.columns[c]?.align === "right"
                                  ? "text-right tabular-nums"
                                  : block.columns[c]?.align === "center"
                                    ? "text-center"
                                    : ""
                              }`}
                            >
                              {cell}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            );
        }
      })}
    </article>
  );
}
