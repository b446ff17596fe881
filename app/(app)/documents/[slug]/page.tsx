import { notFound } from "next/navigation";
import { DocumentReader } from "@/components/documents/document-reader";
import { getTranslator } from "@/lib/i18n/server";
import { requirePageActor } from "@/lib/server/auth/session";
import { getDocumentReader } from "@/lib/server/documents";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  await requirePageActor();
  const { slug } = await params;
  const reader = await getDocumentReader(slug);
  return { title: reader?.document.shortTitle ?? slug };
}

export default async function DocumentPage({ params, searchParams }: Props) {
  await requirePageActor();
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const file = typeof query.file === "string" ? query.file : undefined;
  const [{ locale, t }, reader] = await Promise.all([getTranslator(), getDocumentReader(slug, file)]);
  if (!reader) notFound();
  return <DocumentReader reader={reader} locale={locale} t={t} />;
}
