import { redirect } from "next/navigation";
import { LoginView } from "@/components/auth/login-view";
import { loginErrorCode } from "@/lib/domain/login-errors";
import { safeCallback } from "@/lib/domain/redirects";
import { landingPath, START_PATH } from "@/lib/domain/roles";
import { getEnv } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { getCurrentActor } from "@/lib/server/auth/session";
import { isDemo } from "@/lib/server/settings";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const [{ locale, t }, actor, query, demo] = await Promise.all([
    getTranslator(),
    getCurrentActor(),
    searchParams,
    isDemo(),
  ]);
  if (actor) redirect(landingPath(actor.role));
  const env = getEnv();
  // No page asked for (or the home page): after signing in, /start sends each role to its landing page.
  const callback = safeCallback(typeof query.callbackUrl === "string" ? query.callbackUrl : null);
  return (
    <LoginView
      callbackUrl={callback === "/" ? START_PATH : callback}
      initialError={loginErrorCode(typeof query.error === "string" ? query.error : null)}
      ssoName={env.OIDC_ISSUER ? env.OIDC_NAME : null}
      demo={demo}
      locale={locale}
      t={t}
    />
  );
}
