import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import type { AdminIndicatorDetail, MergeCandidateRow } from "@/lib/server/indicator-admin";
import { IndicatorAdminDetail } from "./indicator-admin-detail";

/** One indicator for an administrator: its key facts, then edit, merge and split. */
export function IndicatorAdminView({
  indicator,
  candidates,
  justMerged,
  locale,
  t,
}: {
  indicator: AdminIndicatorDetail;
  candidates: { items: MergeCandidateRow[]; more: boolean };
  justMerged: boolean;
  locale: Locale;
  t: Translate;
}) {
  return (
    <>
      <Link href="/admin/indicators" className="text-sm text-brand-700 underline">
        {t("indicatorAdmin.back")}
      </Link>
      <PageHeader
        title={indicator.name}
        intro={`${t("indicatorAdmin.key")}：${indicator.key} · ${indicator.area} · ${t("indicatorAdmin.unit")}：${indicator.unit}`}
        actions={
          <Link href={`/indicators/${indicator.id}`} className="text-sm text-brand-700 underline">
            {t("indicatorAdmin.viewInCatalogue")}
          </Link>
        }
      />
      <IndicatorAdminDetail
        indicator={indicator}
        candidates={candidates}
        justMerged={justMerged}
        locale={locale}
        t={t}
      />
    </>
  );
}
