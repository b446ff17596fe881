import Link from "next/link";
import { buildHighlightTree } from "@/lib/reader/highlight";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import { formatDate } from "@/lib/i18n/catalogue";
import type { DocumentReader as Reader } from "@/lib/server/documents";
import { ScrollToHash } from "./scroll-to-hash";
import { MARK_STYLES, SourceText } from "./source-text";

const LEGEND = [
  ["task", "documents.legendTask"],
  ["units", "documents.legendUnits"],
  ["milestone", "documents.legendMilestone"],
  ["target", "documents.legendTarget"],
  ["baseline", "documents.legendBaseline"],
] as const;

// Numbered subsections of work points are the tasks themselves: their "title" is the whole paragraph.
const TREE_TITLE_MAX = 30;
const isNavigable = (section: Reader["sections"][number]) =>
  section.kind !== "SUBSECTION" || section.title.length <= TREE_TITLE_MAX;

function StructureTree({ reader, t }: { reader: Reader; t: Translate }) {
  return (
    <nav aria-label={t("documents.structure")}>
      <ol className="space-y-0.5 text-sm">
        {reader.sections.filter(isNavigable).map((section) => (
          <li key={section.id} style={{ paddingLeft: `${section.depth * 0.75}rem` }}>
            {section.anchor ? (
              <a href={`#${section.anchor}`} className="block rounded px-1 py-0.5 text-slate-700 hover:bg-brand-50">
                {section.title}
                {section.taskCount ? <span className="ml-1 text-xs text-slate-500">({section.taskCount})</span> : null}
              </a>
            ) : (
              <span className="block px-1 py-0.5 text-slate-500">{section.title}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function DocumentReader({ reader, locale, t }: { reader: Reader; locale: Locale; t: Translate }) {
  const { document: doc } = reader;
  const nodes = buildHighlightTree(reader.text, reader.marks, reader.points);
  return (
    <div>
      <div className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="text-xs font-medium text-brand-700">{t(`documents.kind.${doc.kind}`)}</div>
          <Link
            href={`/documents/${doc.slug}/dashboard`}
            className="text-sm font-medium text-brand-700 hover:underline"
            data-testid="open-dashboard"
          >
            {t("documentDashboard.open")}
          </Link>
        </div>
        <h1 className="mt-1 text-xl font-bold md:text-2xl">{doc.title}</h1>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-600">
          {doc.issuer ? (
            <div>
              <dt className="inline">{t("documents.issuer")}：</dt>
              <dd className="inline">{doc.issuer}</dd>
            </div>
          ) : null}
          {doc.docNumber ? (
            <div>
              <dt className="inline">{t("documents.docNumber")}：</dt>
              <dd className="inline">{doc.docNumber}</dd>
            </div>
          ) : null}
          {doc.issuedDate ? (
            <div>
              <dt className="inline">{t("documents.issuedDate")}：</dt>
              <dd className="inline">{formatDate(locale, doc.issuedDate)}</dd>
            </div>
          ) : null}
          <div>
            <dt className="inline">{t("documents.period")}：</dt>
            <dd className="inline">
              {doc.periodStart.slice(0, 4)}–{doc.periodEnd.slice(0, 4)}
            </dd>
          </div>
          <div>
            <dt className="inline">{t("documents.taskCount")}：</dt>
            <dd className="inline">{doc.taskCount}</dd>
          </div>
        </dl>
        {reader.files.length > 1 ? (
          <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
            <span className="text-slate-600">{t("documents.sourceFiles")}：</span>
            {reader.files.map((file) => (
              <Link
                key={file.fileName}
                href={`/documents/${doc.slug}?file=${encodeURIComponent(file.fileName)}`}
                aria-current={file.selected ? "page" : undefined}
                className={`rounded border px-2 py-1 ${file.selected ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 text-slate-700"}`}
              >
                {file.fileName}（{t(file.role === "PRIMARY" ? "documents.primaryFile" : "documents.unitsFile")}）
              </Link>
            ))}
          </div>
        ) : null}
      </div>

      <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
        <aside className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
          <details className="rounded-lg border border-slate-200 bg-white p-3 lg:open:block" open>
            <summary className="cursor-pointer font-semibold">{t("documents.structure")}</summary>
            <div className="mt-2">
              <StructureTree reader={reader} t={t} />
            </div>
          </details>
        </aside>
        <section aria-labelledby="source-heading" className="min-w-0">
          <h2 id="source-heading" className="mb-2 text-lg font-semibold">
            {t("documents.sourceText")}
          </h2>
          <p className="mb-2 text-sm text-slate-600">{t("documents.readerHint")}</p>
          <p className="mb-2 text-sm text-slate-600">{t("documents.recordCounts", reader.counts)}</p>
          <ul aria-label={t("documents.legend")} className="mb-3 flex flex-wrap gap-2 text-xs">
            {LEGEND.map(([kind, key]) => (
              <li key={kind} className={`rounded px-2 py-1 ${MARK_STYLES[kind]}`}>
                {t(key)}
              </li>
            ))}
          </ul>
          <SourceText nodes={nodes} label={t("documents.sourceText")} />
          <ScrollToHash />
        </section>
      </div>
    </div>
  );
}
