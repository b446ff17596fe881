import Link from "next/link";
import { DocumentList } from "@/components/documents/document-list";
import { PageHeader } from "@/components/ui/page-header";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import type { DocumentSummary } from "@/lib/server/documents";

/** The imported documents; comparing is offered once there are two. */
export function DocumentsView({
  documents,
  locale,
  t,
}: {
  documents: DocumentSummary[];
  locale: Locale;
  t: Translate;
}) {
  return (
    <>
      <PageHeader
        title={t("documents.title")}
        intro={t("documents.intro")}
        actions={
          documents.length >= 2 ? (
            <Link
              href="/documents/compare"
              className="rounded border border-brand-600 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
              data-testid="open-compare"
            >
              {t("compare.openCompare")}
            </Link>
          ) : null
        }
      />
      <DocumentList documents={documents} locale={locale} t={t} />
    </>
  );
}
