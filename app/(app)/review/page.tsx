import { ReviewView } from "@/components/review/review-view";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { getCurrentPeriod } from "@/lib/server/periods";
import { listAwaitingReview, listSupervision } from "@/lib/server/task-updates";

export default async function ReviewPage() {
  await requirePageActor(["REVIEWER", "ADMIN"]);
  const [{ locale, t }, period, awaiting] = await Promise.all([
    getTranslator(),
    getCurrentPeriod(),
    listAwaitingReview(),
  ]);
  const supervision = await listSupervision(period);
  return <ReviewView period={period} awaiting={awaiting} supervision={supervision} locale={locale} t={t} />;
}
