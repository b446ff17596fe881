import { ReviewView } from "@/components/review/review-view";
import { filterReviewQueue, reviewFiltersOf } from "@/lib/domain/report-review";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { getCurrentPeriod } from "@/lib/server/periods";
import { listAwaitingReview, listSupervision } from "@/lib/server/task-updates";

export default async function ReviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageActor(["REVIEWER", "ADMIN"]);
  const [{ locale, t }, period, awaiting, params] = await Promise.all([
    getTranslator(),
    getCurrentPeriod(),
    listAwaitingReview(),
    searchParams,
  ]);
  const supervision = await listSupervision(period);
  const filters = reviewFiltersOf(params);
  const queue = { all: awaiting, shown: filterReviewQueue(awaiting, filters), filters };
  return <ReviewView period={period} queue={queue} supervision={supervision} locale={locale} t={t} />;
}
