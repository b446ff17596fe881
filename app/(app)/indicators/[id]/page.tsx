import { notFound } from "next/navigation";
import { IndicatorDetail } from "@/components/indicators/indicator-detail";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { getIndicator } from "@/lib/server/indicators";

export default async function IndicatorPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  if (id === null) notFound();
  const [{ locale, t }, indicator] = await Promise.all([getTranslator(), getIndicator(id)]);
  if (!indicator) notFound();
  return <IndicatorDetail indicator={indicator} locale={locale} t={t} />;
}
