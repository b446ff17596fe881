import { notFound } from "next/navigation";
import { UserDetailView } from "@/components/admin/user-detail-view";
import { getTranslator } from "@/lib/i18n/server";
import { idParam } from "@/lib/search-params";
import { requirePageActor } from "@/lib/server/auth/session";
import { getUserForAdmin, listDepartmentOptions } from "@/lib/server/users";

export default async function AdminUserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor(["ADMIN"]);
  const id = idParam((await params).id);
  if (id === null) notFound();
  const [{ locale, t }, user, departments, query] = await Promise.all([
    getTranslator(),
    getUserForAdmin(id),
    listDepartmentOptions(),
    searchParams,
  ]);
  if (!user) notFound();
  return (
    <UserDetailView
      user={user}
      departments={departments}
      actorId={actor.id}
      justCreated={query.created === "1"}
      locale={locale}
      t={t}
    />
  );
}
