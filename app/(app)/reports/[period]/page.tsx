import { notFound } from "next/navigation";
import { BulletinPreview } from "@/components/reports/bulletin-preview";
import { parsePeriodCode } from "@/lib/domain/periods";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { isReviewer } from "@/lib/server/auth/actor";
import { requirePageActor } from "@/lib/server/auth/session";
import { getBulletinForPeriod } from "@/lib/server/bulletins";

export const dynamic = "force-dynamic";

export default async function BulletinPage({
  params,
  searchParams,
}: {
  params: Promise<{ period: string }>;
  searchParams: Promise<{ version?: string | string[]; published?: string | string[] }>;
}) {
  const actor = await requirePageActor();
  const period = parsePeriodCode((await params).period);
  if (!period) notFound();
  const { version: versionParam, published } = await searchParams;
  const version = typeof versionParam === "string" ? idParam(versionParam) : null;
  const [{ locale }, bulletin] = await Promise.all([getTranslator(), getBulletinForPeriod(actor, period, version)]);
  // Readers without review rights see only published bulletins: no bulletin is a plain 404 for them.
  if (!bulletin && !isReviewer(actor)) notFound();
  return (
    <BulletinPreview
      locale={locale}
      period={period}
      bulletin={bulletin}
      reviewer={isReviewer(actor)}
      justPublished={published === "1"}
    />
  );
}
