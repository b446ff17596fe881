import { redirect } from "next/navigation";
import { landingPath } from "@/lib/domain/roles";
import { requirePageActor } from "@/lib/server/auth/session";

/** After sign-in without a page asked for: editors and reviewers land on 我的待办, the others on the overview. */
export default async function StartPage() {
  const actor = await requirePageActor();
  redirect(landingPath(actor.role));
}
