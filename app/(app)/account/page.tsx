import { AccountView } from "@/components/account/account-view";
import { getTranslator } from "@/lib/i18n/server";
import { listApiTokens } from "@/lib/server/api-tokens";
import { isAdmin } from "@/lib/server/auth/actor";
import { requirePageActor } from "@/lib/server/auth/session";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/actions/account";

export default async function AccountPage() {
  const actor = await requirePageActor();
  const [{ locale, t }, own, all] = await Promise.all([
    getTranslator(),
    listApiTokens(actor, { scope: "own" }),
    isAdmin(actor) ? listApiTokens(actor, { scope: "all" }) : Promise.resolve(null),
  ]);
  return (
    <AccountView
      actor={actor}
      ownTokens={own}
      allTokens={all}
      locale={locale}
      t={t}
      createAction={createApiTokenAction}
      revokeAction={revokeApiTokenAction}
    />
  );
}
