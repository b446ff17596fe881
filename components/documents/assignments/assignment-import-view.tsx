import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getMessages, type Locale, type Translate } from "@/lib/i18n/catalogue";
import { ASSIGNMENT_MAX_ROWS } from "@/lib/server/assignment-import";
import { IMPORT_MAX_BYTES } from "@/lib/server/observation-import";
import { AssignmentImport } from "./assignment-import";

/** A document's 任务分工表 round trip, or why the signed-in user may not use it. */
export function AssignmentImportView({
  document,
  allowed,
  today,
  locale,
  t,
}: {
  document: { slug: string; title: string; start: string; end: string };
  allowed: boolean;
  today: string;
  locale: Locale;
  t: Translate;
}) {
  return (
    <>
      <PageHeader
        title={`${t("assignmentImport.title")} · ${document.title}`}
        intro={t("assignmentImport.intro")}
        actions={
          <Link href={`/documents/${document.slug}/dashboard`} className="text-sm text-brand-700 hover:underline">
            {t("assignmentImport.back")}
          </Link>
        }
      />
      {allowed ? (
        <AssignmentImport
          m={getMessages(locale).assignmentImport}
          slug={document.slug}
          today={today}
          earliest={document.start}
          maxMegabytes={IMPORT_MAX_BYTES / 1024 / 1024}
          maxRows={ASSIGNMENT_MAX_ROWS}
        />
      ) : (
        <EmptyState message={t("assignmentImport.notAllowed")} />
      )}
    </>
  );
}
