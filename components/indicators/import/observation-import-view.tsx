import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getMessages, type Locale, type Translate } from "@/lib/i18n/catalogue";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "@/lib/server/observation-import";
import { ObservationImport } from "./observation-import";

/** Bulk entry of actual values from a file, or why the signed-in user may not use it. */
export function ObservationImportView({ allowed, locale, t }: { allowed: boolean; locale: Locale; t: Translate }) {
  const messages = getMessages(locale);
  return (
    <>
      <PageHeader
        title={t("observationImport.title")}
        intro={t("observationImport.intro")}
        actions={
          <Link href="/indicators" className="text-sm text-brand-700 hover:underline">
            {t("observationImport.back")}
          </Link>
        }
      />
      {allowed ? (
        <ObservationImport
          m={messages.observationImport}
          sources={messages.observations.sources}
          locale={locale}
          maxMegabytes={IMPORT_MAX_BYTES / 1024 / 1024}
          maxRows={IMPORT_MAX_ROWS}
        />
      ) : (
        <EmptyState message={t("observationImport.notAllowed")} />
      )}
    </>
  );
}
