import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { formatNumber } from "@/lib/i18n/catalogue";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { getOverviewCounts } from "@/lib/server/overview";

export default async function OverviewPage() {
  // Every page checks the session itself: a layout is not re-run on client navigation.
  await requirePageActor();
  const [{ locale, t }, counts] = await Promise.all([getTranslator(), getOverviewCounts()]);
  const cards = [
    { label: t("overview.documents"), value: counts.documents, href: "/documents" },
    { label: t("overview.tasks"), value: counts.tasks, href: "/tasks" },
    { label: t("overview.departments"), value: counts.departments, href: "/departments" },
    { label: t("overview.indicators"), value: counts.indicators, href: "/indicators" },
  ];
  return (
    <>
      <PageHeader title={t("overview.title")} intro={t("overview.intro")} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {cards.map((card) => (
          <StatCard key={card.href} label={card.label} value={formatNumber(locale, card.value)} href={card.href} />
        ))}
      </div>
    </>
  );
}
