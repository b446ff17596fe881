import { LoginForm } from "@/components/auth/login-form";
import { SsoButton } from "@/components/auth/sso-button";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { DEMO_PASSWORD } from "@/lib/demo";
import { LOGIN_ERRORS, type LoginError } from "@/lib/domain/login-errors";
import type { Locale, Translate } from "@/lib/i18n/catalogue";

/** The sign-in page: password form, single sign-on when configured, the demo accounts in a demo. */
export function LoginView({
  callbackUrl,
  initialError,
  ssoName,
  demo,
  locale,
  t,
}: {
  /** Already sanitised, so neither the form nor the single sign-on button ever holds a foreign URL. */
  callbackUrl: string;
  initialError: LoginError | null;
  /** The single sign-on provider's name, or null when single sign-on is not configured. */
  ssoName: string | null;
  demo: boolean;
  locale: Locale;
  t: Translate;
}) {
  const errors = Object.fromEntries(LOGIN_ERRORS.map((code) => [code, t(`auth.errors.${code}`)]));
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
            initialError={initialError}
            text={{
              username: t("auth.username"),
              password: t("auth.password"),
              submit: t("auth.submit"),
              submitting: t("auth.submitting"),
              errors,
            }}
          />
          {ssoName !== null ? (
            <>
              <p className="my-4 text-center text-sm text-slate-500">{t("auth.or")}</p>
              <SsoButton label={t("auth.sso", { name: ssoName })} callbackUrl={callbackUrl} />
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
