import Link from "next/link";
import { FilterActions, SelectField } from "@/components/ui/filter-field";
import type { Translate } from "@/lib/i18n/catalogue";
import type { CompareDocumentOption } from "@/lib/server/document-compare";

export function compareHref(from: string, to: string): string {
  return `/documents/compare?${new URLSearchParams({ from, to }).toString()}`;
}

/** A plain GET form: every comparison is a URL that can be shared, and it works without JavaScript. */
export function CompareForm({
  documents,
  fromSlug,
  toSlug,
  t,
}: {
  documents: CompareDocumentOption[];
  fromSlug: string | null;
  toSlug: string | null;
  t: Translate;
}) {
  const options = documents.map((doc) => ({
    value: doc.slug,
    label: `${doc.shortTitle}（${t(`documents.kind.${doc.kind}`)}）`,
  }));
  return (
    <form
      method="get"
      action="/documents/compare"
      className="mb-6 rounded-lg border border-slate-200 bg-white p-3 md:p-4"
      data-testid="compare-form"
    >
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-800">{t("compare.form.legend")}</legend>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <SelectField
            id="compare-from"
            label={t("compare.form.from")}
            name="from"
            defaultValue={fromSlug ?? undefined}
            options={options}
          />
          <SelectField
            id="compare-to"
            label={t("compare.form.to")}
            name="to"
            defaultValue={toSlug ?? undefined}
            options={options}
          />
          <FilterActions apply={t("compare.form.submit")} className="flex items-center gap-3">
            {fromSlug && toSlug && fromSlug !== toSlug ? (
              <Link href={compareHref(toSlug, fromSlug)} className="text-sm text-brand-700 hover:underline">
                {t("compare.form.swap")}
              </Link>
            ) : null}
          </FilterActions>
        </div>
      </fieldset>
    </form>
  );
}
