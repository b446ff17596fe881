import Link from "next/link";
import { BulletinSettingsForm } from "@/components/admin/bulletin-settings-form";
import { IndicatorThresholdsForm } from "@/components/admin/indicator-thresholds-form";
import type { BulletinSettings } from "@/lib/domain/bulletin-settings";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import type { IndicatorThresholds } from "@/lib/domain/indicator-status";
import { formatNumber, getMessages, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { AdminOverview } from "@/lib/server/users";

/** The administration home: account and department counts, the sections, the indicator thresholds. */
export function AdminHomeView({
  overview,
  thresholds,
  bulletinSettings,
  locale,
  t,
}: {
  overview: AdminOverview;
  thresholds: IndicatorThresholds;
  bulletinSettings: BulletinSettings;
  locale: Locale;
  t: Translate;
}) {
  const sections = [
    { href: "/admin/users", title: t("admin.sections.users"), intro: t("admin.sections.usersIntro") },
    { href: "/admin/departments", title: t("admin.sections.departments"), intro: t("admin.sections.departmentsIntro") },
    {
      href: "/admin/indicators",
      title: t("indicatorAdmin.section"),
      intro: t("indicatorAdmin.sectionIntro"),
    },
    { href: "/admin/audit", title: t("admin.sections.audit"), intro: t("admin.sections.auditIntro") },
  ];
  return (
    <>
      <PageHeader title={t("admin.title")} intro={t("admin.intro")} />
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard label={t("admin.stats.users")} value={formatNumber(locale, overview.users)} href="/admin/users" />
        <StatCard label={t("admin.stats.activeUsers")} value={formatNumber(locale, overview.activeUsers)} />
        <StatCard label={t("admin.stats.lockedUsers")} value={formatNumber(locale, overview.lockedUsers)} />
        <StatCard
          label={t("admin.stats.departments")}
          value={formatNumber(locale, overview.departments)}
          href="/admin/departments"
        />
      </div>
      <ul className="grid gap-3 md:grid-cols-3">
        {sections.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600"
            >
              <span className="block font-semibold text-brand-700">{section.title}</span>
              <span className="mt-1 block text-sm text-slate-600">{section.intro}</span>
            </Link>
          </li>
        ))}
      </ul>
      <section aria-labelledby="thresholds-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="thresholds-title" className="font-semibold">
          {t("admin.thresholds.title")}
        </h2>
        <p className="mt-1 mb-3 text-sm text-slate-600">{t("admin.thresholds.intro")}</p>
        <IndicatorThresholdsForm current={thresholds} text={getMessages(locale).admin.thresholds} locale={locale} />
      </section>
      <section
        aria-labelledby="bulletin-settings-title"
        className="mt-6 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="bulletin-settings-title" className="font-semibold">
          {t("bulletin.settings.title")}
        </h2>
        <p className="mt-1 mb-3 text-sm text-slate-600">{t("bulletin.settings.intro")}</p>
        <BulletinSettingsForm current={bulletinSettings} text={getMessages(locale).bulletin.settings} />
      </section>
    </>
  );
}
