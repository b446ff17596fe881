import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { landingPath, mayOpenPage, PATH_HEADER, START_PATH } from "@/lib/domain/roles";
import { AppShell } from "@/components/layout/app-shell";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { getSampleDataInfo } from "@/lib/server/settings";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, actor, sampleData, requestHeaders] = await Promise.all([
    getTranslator(),
    requirePageActor(),
    getSampleDataInfo(),
    headers(),
  ]);
  // Decided here, before anything streams (pages below render inside loading.tsx's boundary), so the
  // browser gets a real 307 to the landing page and a real 403 for a page the role may not open. The
  // pages check again themselves: a layout is not re-run on client-side navigation.
  const path = requestHeaders.get(PATH_HEADER) ?? "";
  if (path === START_PATH) redirect(landingPath(actor.role));
  if (!mayOpenPage(path, actor.role)) forbidden();
  return (
    <AppShell locale={locale} t={t} actor={actor} sampleData={sampleData}>
      {children}
    </AppShell>
  );
}
