import { ObservationImportView } from "@/components/indicators/import/observation-import-view";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { canImportObservations } from "@/lib/server/observation-import";

export const dynamic = "force-dynamic";

export default async function ObservationImportPage() {
  const actor = await requirePageActor();
  const [{ locale, t }, allowed] = await Promise.all([getTranslator(), canImportObservations(actor)]);
  return <ObservationImportView allowed={allowed} locale={locale} t={t} />;
}
