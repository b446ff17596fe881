import type { BulletinBlock } from "@/lib/reports/bulletin-document";

/**
 * The preview: the same blocks the Word and PDF files are made of (lib/reports/bulletin-document.ts),
 * as HTML. Tables scroll sideways on a phone.
 */
export function BulletinView({ blocks }: { blocks: BulletinBlock[] }) {
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 font-serif leading-relaxed text-slate-900 md:p-10">
      {blocks.map((block, i) => {
        switch (block.kind) {
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
                        {block.columns.map((c) => (
                          <th
                            key={c.header}
                            scope="col"
                            className="border border-slate-400 bg-slate-100 px-2 py-1 whitespace-nowrap"
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
