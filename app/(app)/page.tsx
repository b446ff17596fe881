import { OverviewPageView } from "@/components/overview/overview-page-view";
import { parseOverviewFilters } from "@/lib/domain/overview-filters";
import { periodContaining } from "@/lib/domain/periods";
import type { RawSearchParams } from "@/lib/domain/task-filters";
import { getEnv } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { getDepartmentName } from "@/lib/server/departments";
import { getOverview, getOverviewFilterOptions } from "@/lib/server/overview";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  // Every page checks the session itself: a layout is not re-run on client navigation.
  await requirePageActor();
  const now = new Date();
  const filters = parseOverviewFilters(await searchParams, periodContaining(now));
  const [{ locale, t }, overview, options, departmentName] = await Promise.all([
    getTranslator(),
    getOverview(filters, now),
    getOverviewFilterOptions(now, getEnv().OVERVIEW_UNIT_LIST_LIMIT),
    filters.departmentId === null ? null : getDepartmentName(filters.departmentId),
  ]);
  return (
    <OverviewPageView
      overview={overview}
      filters={filters}
      options={options}
      departmentName={departmentName}
      locale={locale}
      t={t}
    />
  );
}
