import Link from "next/link";
import type { ReactNode } from "react";
import { IndicatorAdminLinks } from "@/components/admin/indicators/indicator-admin-links";
import { COMPARATOR_SYMBOL } from "@/lib/domain/indicator-status";
import { formatDate, formatNumber, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { IndicatorDetail as Indicator } from "@/lib/server/indicators";

export function IndicatorDetail({
  indicator,
  locale,
  t,
  follow,
  children,
}: {
  indicator: Indicator;
  locale: Locale;
  t: Translate;
  /** The 关注 toggle, under the name. */
  follow?: ReactNode;
  /** Shown between the header and the sources: the pace summary and the chart. */
  children?: ReactNode;
}) {
  return (
    <article className="space-y-4">
      <header>
        <div className="text-sm text-slate-600">
          {indicator.area} · {t("indicators.unit")}：{indicator.unit} · {t("indicators.detail.direction")}：
          {t(
            indicator.direction === "LOWER_IS_BETTER"
              ? "indicators.detail.lowerIsBetter"
              : "indicators.detail.higherIsBetter",
          )}
        </div>
        <h1 className="mt-1 text-xl font-bold md:text-2xl">{indicator.name}</h1>
        {follow ? <div className="mt-2">{follow}</div> : null}
        <IndicatorAdminLinks indicator={indicator} t={t} />
      </header>
      {children}

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">{t("indicators.baselines")}</h2>
        {indicator.baselines.length === 0 ? (
          <p className="text-sm text-slate-600">{t("indicators.detail.noBaselines")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {indicator.baselines.map((b) => (
              <li key={b.id} className="py-2">
                <div className="flex flex-wrap gap-x-3">
                  <span className="font-medium">
                    {COMPARATOR_SYMBOL[b.comparator]} {formatNumber(locale, b.value)} {b.unit}
                  </span>
                  <span className="text-slate-600">
                    {t("indicators.detail.asOf")}：{formatDate(locale, b.asOf)}
                  </span>
                  {b.document ? <span className="text-slate-600">{b.document.shortTitle}</span> : null}
                </div>
                <blockquote className="mt-1 border-l-2 border-slate-300 pl-2 text-slate-700">{b.quote}</blockquote>
                {b.sourceHref ? (
                  <Link href={b.sourceHref} className="text-xs text-brand-700 underline">
                    {t("indicators.detail.source")}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">{t("indicators.targets")}</h2>
        {indicator.targets.length === 0 ? (
          <p className="text-sm text-slate-600">{t("indicators.detail.noTargets")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {indicator.targets.map((target) => (
              <li key={target.id} className="py-2">
                <div className="flex flex-wrap gap-x-3">
                  <span className="font-medium">
                    {COMPARATOR_SYMBOL[target.comparator]} {formatNumber(locale, target.value)} {target.unit}
                  </span>
                  <span className="text-slate-600">
                    {t("indicators.detail.due")}：{formatDate(locale, target.dueDate)}
                  </span>
                  <Link href={`/documents/${target.document.slug}`} className="text-brand-700 underline">
                    {target.document.shortTitle}
                  </Link>
                  {target.task ? (
                    <Link href={`/tasks/${target.task.id}`} className="text-brand-700 underline">
                      {t("indicators.detail.task")} {target.task.number}
                    </Link>
                  ) : null}
                  {target.aspirational ? (
                    <span className="text-amber-800">（{t("indicators.detail.aspirational")}）</span>
                  ) : null}
                  {target.cumulative !== null ? (
                    <span className="text-slate-600">
                      （{t(target.cumulative ? "indicators.detail.cumulative" : "indicators.detail.annual")}）
                    </span>
                  ) : null}
                </div>
                <blockquote className="mt-1 border-l-2 border-slate-300 pl-2 text-slate-700">{target.quote}</blockquote>
                <Link href={target.sourceHref} className="text-xs text-brand-700 underline">
                  {t("indicators.detail.source")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
