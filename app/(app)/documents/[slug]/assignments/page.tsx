import { notFound } from "next/navigation";
import { AssignmentImportView } from "@/components/documents/assignments/assignment-import-view";
import { shanghaiDate } from "@/lib/domain/periods";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { canImportAssignments, getAssignmentPageDocument } from "@/lib/server/assignment-import";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata() {
  await requirePageActor();
  const { t } = await getTranslator();
  return { title: t("assignmentImport.title") };
}

export default async function DocumentAssignmentsPage({ params }: Props) {
  const actor = await requirePageActor();
  const { slug } = await params;
  const [{ locale, t }, document] = await Promise.all([getTranslator(), getAssignmentPageDocument(slug)]);
  if (!document) notFound();
  return (
    <AssignmentImportView
      document={document}
      allowed={canImportAssignments(actor)}
      today={shanghaiDate(new Date())}
      locale={locale}
      t={t}
    />
  );
}
