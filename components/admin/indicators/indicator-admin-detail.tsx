import Link from "next/link";
import { getMessages, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { AdminIndicatorDetail, MergeCandidateRow } from "@/lib/server/indicator-admin";
import { IndicatorEditForm } from "./indicator-edit-form";
import { IndicatorMergeForm } from "./indicator-merge-form";
import { IndicatorSplitForm, IndicatorUnmergeForm } from "./indicator-parts-forms";

const section = "rounded-lg border border-slate-200 bg-white p-4";
const heading = "mb-2 text-lg font-semibold text-slate-900";

/** The admin's view of one indicator: edit, merge, split and unmerge (each a client form). */
export function IndicatorAdminDetail({
  indicator,
  candidates,
  justMerged,
  locale,
  t,
}: {
  indicator: AdminIndicatorDetail;
  /** The first merge candidates (same area); the form searches for others. */
  candidates: { items: MergeCandidateRow[]; more: boolean };
  justMerged: boolean;
  locale: Locale;
  t: Translate;
}) {
  const m = getMessages(locale).indicatorAdmin;
  const parts = { targets: indicator.targets, baselines: indicator.baselines, synonyms: indicator.synonyms };
  if (indicator.mergedInto) {
    return (
      <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
        {t("indicatorAdmin.mergedInto", { name: indicator.mergedInto.name })} {t("indicatorAdmin.merge.alreadyMerged")}{" "}
        <Link href={`/admin/indicators/${indicator.mergedInto.id}`} className="font-medium underline">
          {t("indicatorAdmin.mergedNoticeLink")}
        </Link>
      </p>
    );
  }
  return (
    <div className="space-y-6">
      {justMerged ? (
        <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-800">
          {t("indicatorAdmin.merge.done")}
        </p>
      ) : null}
      <section aria-labelledby="indicator-edit" className={section}>
        <h2 id="indicator-edit" className={heading}>
          {t("indicatorAdmin.edit.title")}
        </h2>
        <IndicatorEditForm
          indicator={{
            id: indicator.id,
            name: indicator.name,
            nameEn: indicator.nameEn,
            unit: indicator.unit,
            direction: indicator.direction,
            area: indicator.area,
            description: indicator.description,
          }}
          m={m}
          locale={locale}
        />
      </section>
      {indicator.mergedFrom.length ? (
        <section aria-labelledby="indicator-unmerge" className={section}>
          <h2 id="indicator-unmerge" className={heading}>
            {t("indicatorAdmin.unmerge.title")}
          </h2>
          <p className="mb-3 text-sm text-slate-600">{t("indicatorAdmin.unmerge.intro")}</p>
          <div className="space-y-6 divide-y divide-slate-200">
            {indicator.mergedFrom.map((merged) => (
              <IndicatorUnmergeForm
                key={merged.id}
                indicatorId={indicator.id}
                merged={merged}
                parts={parts}
                m={m}
                locale={locale}
              />
            ))}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="indicator-merge" className={section}>
        <h2 id="indicator-merge" className={heading}>
          {t("indicatorAdmin.merge.title")}
        </h2>
        <p className="mb-3 text-sm text-slate-600">{t("indicatorAdmin.merge.intro")}</p>
        <IndicatorMergeForm
          source={{
            id: indicator.id,
            key: indicator.key,
            name: indicator.name,
            unit: indicator.unit,
            area: indicator.area,
            direction: indicator.direction,
            targetCount: indicator.targets.length,
            baselineCount: indicator.baselines.length,
            synonymCount: indicator.synonyms.length,
            taskCount: indicator.tasks.length,
            observationCount:
              indicator.observationCount + indicator.mergedFrom.reduce((sum, f) => sum + f.observationCount, 0),
          }}
          initialCandidates={candidates}
          m={m}
          locale={locale}
        />
      </section>
      <section aria-labelledby="indicator-split" className={section}>
        <h2 id="indicator-split" className={heading}>
          {t("indicatorAdmin.split.title")}
        </h2>
        <p className="mb-3 text-sm text-slate-600">{t("indicatorAdmin.split.intro")}</p>
        <IndicatorSplitForm
          indicator={{ id: indicator.id, unit: indicator.unit, area: indicator.area, direction: indicator.direction }}
          parts={parts}
          m={m}
          locale={locale}
        />
      </section>
    </div>
  );
}
