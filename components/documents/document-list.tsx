import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { DocumentSummary } from "@/lib/server/documents";

export function DocumentList({ documents, locale, t }: { documents: DocumentSummary[]; locale: Locale; t: Translate }) {
  if (documents.length === 0) return <EmptyState message={t("common.empty")} />;
  return (
    <ul className="grid gap-3 md:grid-cols-2">
      {documents.map((doc) => (
        <li key={doc.slug} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="text-xs font-medium text-brand-700">{t(`documents.kind.${doc.kind}`)}</div>
          <a href={`/documents/${doc.slug}`} className="mt-1 block font-semibold text-slate-900 hover:text-brand-700">
            {doc.title}
          </a>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-600">
            {doc.issuer ? (
              <>
                <dt>{t("documents.issuer")}</dt>
                <dd>{doc.issuer}</dd>
              </>
            ) : null}
            {doc.docNumber ? (
              <>
                <dt>{t("documents.docNumber")}</dt>
                <dd>{doc.docNumber}</dd>
              </>
            ) : null}
            {doc.issuedDate ? (
              <>
                <dt>{t("documents.issuedDate")}</dt>
                <dd>{formatDate(locale, doc.issuedDate)}</dd>
              </>
            ) : null}
            <dt>{t("documents.taskCount")}</dt>
            <dd>{doc.taskCount}</dd>
          </dl>
          <Link
            href={`/documents/${doc.slug}/dashboard`}
            aria-label={t("documentDashboard.openFor", { title: doc.shortTitle })}
            className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline"
            data-testid="open-dashboard"
          >
            {t("documentDashboard.open")}
          </Link>
        </li>
      ))}
    </ul>
  );
}
