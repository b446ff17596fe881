import Link from "next/link";
import { ObservationImport } from "@/components/indicators/import/observation-import";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getMessages } from "@/lib/i18n/catalogue";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { canImportObservations, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "@/lib/server/observation-import";

export const dynamic = "force-dynamic";

export default async function ObservationImportPage() {
  const actor = await requirePageActor();
  const [{ locale, t }, allowed] = await Promise.all([getTranslator(), canImportObservations(actor)]);
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
