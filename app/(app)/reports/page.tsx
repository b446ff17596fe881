import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate } from "@/lib/i18n/catalogue";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { listPublishedBulletins } from "@/lib/server/reports";

export default async function ReportsPage() {
  // Every page checks the session itself: a layout is not re-run on client navigation.
  await requirePageActor();
  const [{ locale, t }, bulletins] = await Promise.all([getTranslator(), listPublishedBulletins()]);
  return (
    <>
      <PageHeader title={t("reports.title")} intro={t("reports.intro")} />
      {bulletins.length === 0 ? (
        <EmptyState message={t("reports.none")} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {bulletins.map((b) => (
            <li key={b.id} className="p-3">
              <div className="font-medium">{b.title}</div>
              <div className="text-xs text-slate-500">
                {t("reports.version", { version: b.version })}
                {b.publishedAt ? ` · ${formatDate(locale, b.publishedAt)}` : ""}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
