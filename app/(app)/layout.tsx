import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { getSampleDataInfo } from "@/lib/server/settings";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, actor, sampleData] = await Promise.all([
    getTranslator(),
    requirePageActor(),
    getSampleDataInfo(),
  ]);
  return (
    <AppShell locale={locale} t={t} actor={actor} sampleData={sampleData}>
      {children}
    </AppShell>
  );
}
