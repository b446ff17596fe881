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
      <PageHeader title={t("documents.title")} intro={t("documents.intro")} />
      <DocumentList documents={documents} locale={locale} t={t} />
    </>
  );
}
