import Link from "next/link";
import { getTranslator } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <div className="py-10 text-center">
      <h1 className="text-xl font-bold">{t("common.notFound")}</h1>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline">
        {t("common.backHome")}
      </Link>
    </div>
  );
}
