import Link from "next/link";
import type { Translate } from "@/lib/i18n/catalogue";
import { getCurrentActor } from "@/lib/server/auth/session";

/**
 * For the indicator page's header: where a merged indicator went (everyone), and the admin's way to
 * manage the indicator (admins only; the admin pages check the role again).
 */
export async function IndicatorAdminLinks({
  indicator,
  t,
}: {
  indicator: { id: number; name: string; mergedInto: { id: number; name: string } | null };
  t: Translate;
}) {
  const actor = await getCurrentActor();
  return (
    <>
      {indicator.mergedInto ? (
        <p role="status" className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          {t("indicatorAdmin.mergedNotice", { name: indicator.mergedInto.name })}{" "}
          <Link href={`/indicators/${indicator.mergedInto.id}`} className="font-medium underline">
            {t("indicatorAdmin.mergedNoticeLink")}
          </Link>
        </p>
      ) : null}
      {actor?.role === "ADMIN" ? (
        <Link
          href={`/admin/indicators/${indicator.id}`}
          aria-label={t("indicatorAdmin.manageLabel", { name: indicator.name })}
          className="mt-1 inline-block text-sm text-brand-700 underline"
        >
          {t("indicatorAdmin.manage")}
        </Link>
      ) : null}
    </>
  );
}
