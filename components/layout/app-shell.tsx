import Link from "next/link";
import type { ReactNode } from "react";
import { formatDate, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { Actor } from "@/lib/server/auth/actor";
import { LocaleSwitcher } from "./locale-switcher";
import { MainNav } from "./main-nav";
import { SignOutButton } from "./sign-out-button";

export function AppShell({
  locale,
  t,
  actor,
  sampleData = null,
  children,
}: {
  locale: Locale;
  t: Translate;
  actor: Actor;
  /** Set while the database holds generated sample data: every page says so. */
  sampleData?: { generatedAt: string } | null;
  children: ReactNode;
}) {
  const items = [
    { href: "/my", label: t("nav.my") },
    { href: "/", label: t("nav.overview") },
    { href: "/documents", label: t("nav.documents") },
    { href: "/tasks", label: t("nav.tasks") },
    { href: "/departments", label: t("nav.departments") },
    { href: "/indicators", label: t("nav.indicators") },
    { href: "/reports", label: t("nav.reports") },
    ...(actor.role === "REVIEWER" || actor.role === "ADMIN" ? [{ href: "/review", label: t("nav.review") }] : []),
    ...(actor.role === "ADMIN" ? [{ href: "/admin", label: t("nav.admin") }] : []),
    { href: "/account", label: t("nav.account") },
  ];
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("app.skipToContent")}
      </a>
      <header className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="min-w-0">
            <span className="block truncate text-base font-semibold md:text-lg">{t("app.name")}</span>
            <span className="hidden truncate text-xs text-brand-100 sm:block">{t("app.tagline")}</span>
          </Link>
          <div className="flex shrink-0 flex-wrap items-center justify-end gap-x-2 gap-y-1 text-sm">
            <span className="hidden text-brand-100 md:inline" aria-label={t("auth.signedInAs")}>
              {actor.displayName}
              <span className="ml-1 text-xs">（{actor.departmentName ?? t(`auth.roles.${actor.role}`)}）</span>
            </span>
            <LocaleSwitcher locale={locale} t={t} />
            <SignOutButton label={t("auth.signOut")} />
          </div>
        </div>
      </header>
      {sampleData ? (
        <div
          role="note"
          data-testid="sample-data-banner"
          className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-950"
        >
          <span className="mr-2 inline-block rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold">
            {t("sample.tag")}
          </span>
          {t("sample.banner", { date: sampleData.generatedAt ? formatDate(locale, sampleData.generatedAt) : "—" })}
        </div>
      ) : null}
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col md:flex-row">
        <aside className="border-b border-slate-200 bg-white px-2 py-2 md:w-48 md:shrink-0 md:border-r md:border-b-0 md:py-4">
          <MainNav items={items} label={t("nav.label")} />
        </aside>
        <main id="main" className="min-w-0 flex-1 px-4 py-5 md:px-8 md:py-8">
          {children}
        </main>
      </div>
      <footer className="border-t border-slate-200 bg-white px-4 py-3 text-center text-xs text-slate-500">
        {t("footer.note")}
      </footer>
    </div>
  );
}
