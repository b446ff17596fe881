import { DocumentsView } from "@/components/documents/documents-view";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listDocuments } from "@/lib/server/documents";

export default async function DocumentsPage() {
  // Every page checks the session itself: a layout is not re-run on client navigation.
  await requirePageActor();
  const [{ locale, t }, documents] = await Promise.all([getTranslator(), listDocuments()]);
  return <DocumentsView documents={documents} locale={locale} t={t} />;
}
