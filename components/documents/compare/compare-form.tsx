import Link from "next/link";
import type { Translate } from "@/lib/i18n/catalogue";
import type { CompareDocumentOption } from "@/lib/server/document-compare";

const field = "mt-1 block w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-2 text-sm";
const label = "block text-sm font-medium text-slate-700";

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
  const options = documents.map((doc) => (
    <option key={doc.slug} value={doc.slug}>
      {doc.shortTitle}（{t(`documents.kind.${doc.kind}`)}）
    </option>
  ));
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
          <div>
            <label htmlFor="compare-from" className={label}>
              {t("compare.form.from")}
            </label>
            <select id="compare-from" name="from" defaultValue={fromSlug ?? undefined} className={field}>
              {options}
            </select>
          </div>
          <div>
            <label htmlFor="compare-to" className={label}>
              {t("compare.form.to")}
            </label>
            <select id="compare-to" name="to" defaultValue={toSlug ?? undefined} className={field}>
              {options}
            </select>
          </div>
          <div className="flex items-center gap-3">
            <button
              type="submit"
              className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900"
            >
              {t("compare.form.submit")}
            </button>
            {fromSlug && toSlug && fromSlug !== toSlug ? (
              <Link href={compareHref(toSlug, fromSlug)} className="text-sm text-brand-700 hover:underline">
                {t("compare.form.swap")}
              </Link>
            ) : null}
          </div>
        </div>
      </fieldset>
    </form>
  );
}
