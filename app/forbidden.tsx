import { headers } from "next/headers";
import { ForbiddenView } from "@/components/layout/forbidden-view";
import { PATH_HEADER, roleNeededFor } from "@/lib/domain/roles";
import { getTranslator } from "@/lib/i18n/server";
import { getCurrentActor } from "@/lib/server/auth/session";

/**
 * The 403 page of a page loaded directly by a role that may not open it: the app layout refuses before
 * anything is sent (app/(app)/layout.tsx), so the answer's status is 403. Outside the app's shell.
 */
export default async function Forbidden() {
  const [{ t }, actor, requestHeaders] = await Promise.all([getTranslator(), getCurrentActor(), headers()]);
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <header className="bg-brand-900 px-4 py-3 text-white">
        <span className="font-semibold">{t("app.name")}</span>
      </header>
      <main id="main" className="flex-1 px-4">
        <ForbiddenView
          needed={roleNeededFor(requestHeaders.get(PATH_HEADER) ?? "")}
          current={actor?.role ?? null}
          t={t}
        />
      </main>
    </div>
  );
}
