import { CompareForm } from "@/components/documents/compare/compare-form";
import { CompareView } from "@/components/documents/compare/compare-view";
import { PageHeader } from "@/components/ui/page-header";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { getDocumentComparison } from "@/lib/server/document-compare";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The first non-empty value of a query parameter; an empty select means "the default". */
function slugParam(value: string | string[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() ? first.trim() : null;
}

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t("compare.title") };
}

export default async function DocumentComparePage({ searchParams }: Props) {
  await requirePageActor();
  const query = await searchParams;
  const [{ locale, t }, view] = await Promise.all([
    getTranslator(),
    getDocumentComparison(slugParam(query.from), slugParam(query.to)),
  ]);
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
