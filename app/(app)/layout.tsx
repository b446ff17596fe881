import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, actor] = await Promise.all([getTranslator(), requirePageActor()]);
  return (
    <AppShell locale={locale} t={t} actor={actor}>
      {children}
    </AppShell>
  );
}
