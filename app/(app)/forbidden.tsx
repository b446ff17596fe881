import { headers } from "next/headers";
import { ForbiddenView } from "@/components/layout/forbidden-view";
import { PATH_HEADER, roleNeededFor } from "@/lib/domain/roles";
import { getTranslator } from "@/lib/i18n/server";
import { getCurrentActor } from "@/lib/server/auth/session";

/**
 * The 403 page inside the app's shell: a page refused by its own requirePageActor(roles) on a client-side
 * navigation. A page loaded directly is refused by the app layout first (HTTP 403, app/forbidden.tsx).
 */
export default async function Forbidden() {
  const [{ t }, actor, requestHeaders] = await Promise.all([getTranslator(), getCurrentActor(), headers()]);
  return (
    <ForbiddenView needed={roleNeededFor(requestHeaders.get(PATH_HEADER) ?? "")} current={actor?.role ?? null} t={t} />
  );
}
