import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { SsoButton } from "@/components/auth/sso-button";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { ssoErrorCode } from "@/lib/domain/sso";
import { getEnv } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { getCurrentActor } from "@/lib/server/auth/session";
import { DEMO_PASSWORD } from "@/lib/demo";
import { safeCallback } from "@/lib/domain/redirects";
import { isDemo } from "@/lib/server/settings";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const [{ locale, t }, actor, query, demo] = await Promise.all([
    getTranslator(),
    getCurrentActor(),
    searchParams,
    isDemo(),
  ]);
  if (actor) redirect("/");
  const env = getEnv();
  const error = typeof query.error === "string" ? query.error : null;
  // Sanitised here already, so neither the form nor the single sign-on button ever holds a foreign URL.
  const callbackUrl = safeCallback(typeof query.callbackUrl === "string" ? query.callbackUrl : null);
  const errors = {
    invalid: t("auth.errors.invalid"),
    locked: t("auth.errors.locked"),
    busy: t("auth.errors.busy"),
    inactive: t("auth.errors.inactive"),
    "sso-unknown-user": t("auth.errors.sso-unknown-user"),
    "sso-unverified-email": t("auth.errors.sso-unverified-email"),
    "sso-subject-mismatch": t("auth.errors.sso-subject-mismatch"),
    "sso-failed": t("auth.errors.sso-failed"),
    generic: t("auth.errors.generic"),
  };
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <header className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-md items-center justify-between px-4 py-3">
          <span className="font-semibold">{t("app.name")}</span>
          <LocaleSwitcher locale={locale} t={t} />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-md flex-1 px-4 py-8">
        <h1 className="text-2xl font-bold">{t("auth.signInTitle")}</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">{t("auth.signInIntro")}</p>
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <LoginForm
            callbackUrl={callbackUrl}
            initialError={error && error in errors ? error : error ? (ssoErrorCode(error) ?? "generic") : null}
            text={{
              username: t("auth.username"),
              password: t("auth.password"),
              submit: t("auth.submit"),
              submitting: t("auth.submitting"),
              errors,
            }}
          />
          {env.OIDC_ISSUER ? (
            <>
              <p className="my-4 text-center text-sm text-slate-500">{t("auth.or")}</p>
              <SsoButton label={t("auth.sso", { name: env.OIDC_NAME })} callbackUrl={callbackUrl} />
            </>
          ) : null}
        </div>
        {demo ? (
          <aside className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
            <h2 className="font-semibold">{t("auth.demoTitle")}</h2>
            <p className="mt-1">{t("auth.demoIntro", { password: DEMO_PASSWORD })}</p>
            <p className="mt-1">{t("auth.demoAccounts")}</p>
          </aside>
        ) : null}
      </main>
    </div>
  );
}
