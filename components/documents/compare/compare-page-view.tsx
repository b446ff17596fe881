import { PageHeader } from "@/components/ui/page-header";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import type { DocumentComparisonView } from "@/lib/server/document-compare";
import { CompareForm } from "./compare-form";
import { CompareView } from "./compare-view";

/** The comparison page: the two-document picker, then the comparison or why there is none. */
export function ComparePageView({ view, locale, t }: { view: DocumentComparisonView; locale: Locale; t: Translate }) {
  const fromSlug = view.status === "ok" ? view.from.slug : view.fromSlug;
  const toSlug = view.status === "ok" ? view.to.slug : view.toSlug;
  return (
    <>
      <PageHeader title={t("compare.title")} intro={t("compare.intro")} />
      <CompareForm documents={view.documents} fromSlug={fromSlug} toSlug={toSlug} t={t} />
      {view.status === "ok" ? (
        <CompareView view={view} locale={locale} t={t} />
      ) : (
        <p
          role="alert"
          data-testid="compare-problem"
          className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
        >
          {t(`compare.problem.${view.problem}`)}
        </p>
      )}
    </>
  );
}
