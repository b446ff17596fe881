import { ComparePageView } from "@/components/documents/compare/compare-page-view";
import { slugParam, type QueryParams } from "@/lib/domain/query-params";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { getDocumentComparison } from "@/lib/server/document-compare";

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t("compare.title") };
}

export default async function DocumentComparePage({ searchParams }: { searchParams: Promise<QueryParams> }) {
  await requirePageActor();
  const query = await searchParams;
  const [{ locale, t }, view] = await Promise.all([
    getTranslator(),
    getDocumentComparison(slugParam(query.from), slugParam(query.to)),
  ]);
  return <ComparePageView view={view} locale={locale} t={t} />;
}
