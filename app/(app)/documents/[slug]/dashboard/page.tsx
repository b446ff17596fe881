import { notFound } from "next/navigation";
import { DocumentDashboardView } from "@/components/documents/dashboard/dashboard-view";
import { shanghaiDate } from "@/lib/domain/periods";
import { getTranslator } from "@/lib/i18n/server";
import { isReviewer } from "@/lib/server/auth/actor";
import { requirePageActor } from "@/lib/server/auth/session";
import { getDocumentDashboard } from "@/lib/server/document-dashboard";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata() {
  await requirePageActor();
  const { t } = await getTranslator();
  return { title: t("documentDashboard.title") };
}

export default async function DocumentDashboardPage({ params }: Props) {
  // Every page checks the session itself: a layout is not re-run on client navigation.
  const actor = await requirePageActor();
  const { slug } = await params;
  const [{ locale, t }, dashboard] = await Promise.all([
    getTranslator(),
    getDocumentDashboard(slug, shanghaiDate(new Date())),
  ]);
  if (!dashboard) notFound();
  return <DocumentDashboardView dashboard={dashboard} locale={locale} t={t} canAssign={isReviewer(actor)} />;
}
