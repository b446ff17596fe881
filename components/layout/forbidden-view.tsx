import Link from "next/link";
import type { Translate } from "@/lib/i18n/catalogue";
import type { Role } from "@/lib/domain/roles";

/** The 403 page's words: which role the page needs, the user's own role, and who can grant access. */
export function ForbiddenView({
  needed,
  current,
  t,
}: {
  needed: "ADMIN" | "REVIEWER" | null;
  current: Role | null;
  t: Translate;
}) {
  const role = current ? t(`auth.roles.${current}`) : "";
  return (
    <div className="mx-auto max-w-xl py-8" data-testid="forbidden-page">
      <p className="text-sm font-semibold text-red-800">403</p>
      <h1 className="mt-1 text-xl font-bold text-slate-900">{t("my.forbidden.title")}</h1>
      <p className="mt-3 text-slate-800">
        {needed
          ? t("my.forbidden.reason", { role: t(`my.forbidden.roles.${needed}`), current: role })
          : t("my.forbidden.reasonAny", { current: role })}
      </p>
      <p className="mt-2 text-slate-800">{t("my.forbidden.help")}</p>
      <Link href="/my" className="mt-6 inline-block text-brand-700 underline">
        {t("my.forbidden.back")}
      </Link>
    </div>
  );
}
