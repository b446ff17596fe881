import Link from "next/link";
import { DocumentList } from "@/components/documents/document-list";
import { PageHeader } from "@/components/ui/page-header";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listDocuments } from "@/lib/server/documents";

export default async function DocumentsPage() {
  // Every page checks the session itself: a layout is not re-run on client navigation.
  await requirePageActor();
  const [{ locale, t }, documents] = await Promise.all([getTranslator(), listDocuments()]);
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
