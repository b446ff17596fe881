import Link from "next/link";
import { headers } from "next/headers";
import { PATH_HEADER, roleNeededFor } from "@/lib/domain/roles";
import { getTranslator } from "@/lib/i18n/server";
import { getCurrentActor } from "@/lib/server/auth/session";

/**
 * The 403 page (forbidden() from requirePageActor): which role the page needs, the user's own role, and
 * who can grant access — instead of a silent redirect. Rendered inside the app's shell, status 403.
 */
export default async function Forbidden() {
  const [{ t }, actor, requestHeaders] = await Promise.all([getTranslator(), getCurrentActor(), headers()]);
  const needed = roleNeededFor(requestHeaders.get(PATH_HEADER) ?? "");
  const current = actor ? t(`auth.roles.${actor.role}`) : "";
  return (
    <div className="mx-auto max-w-xl py-8" data-testid="forbidden-page">
      <p className="text-sm font-semibold text-red-800">403</p>
      <h1 className="mt-1 text-xl font-bold text-slate-900">{t("my.forbidden.title")}</h1>
      <p className="mt-3 text-slate-800">
        {needed
          ? t("my.forbidden.reason", { role: t(`my.forbidden.roles.${needed}`), current })
          : t("my.forbidden.reasonAny", { current })}
      </p>
      <p className="mt-2 text-slate-800">{t("my.forbidden.help")}</p>
      <Link href="/my" className="mt-6 inline-block text-brand-700 underline">
        {t("my.forbidden.back")}
      </Link>
    </div>
  );
}
