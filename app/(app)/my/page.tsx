import { MyView } from "@/components/my/my-view";
import { shanghaiDate } from "@/lib/domain/periods";
import { getTranslator } from "@/lib/i18n/server";
import { isReviewer } from "@/lib/server/auth/actor";
import { requirePageActor } from "@/lib/server/auth/session";
import { getEditorWork, getFollowedWork, getReviewerWork } from "@/lib/server/my-work";

export default async function MyPage() {
  const actor = await requirePageActor();
  const today = shanghaiDate(new Date());
  const editorRole = actor.role === "DEPARTMENT_EDITOR";
  const [{ locale, t }, editor, reviewer, followed] = await Promise.all([
    getTranslator(),
    editorRole ? getEditorWork(actor, today) : null,
    isReviewer(actor) ? getReviewerWork(today) : null,
    getFollowedWork(actor.id, today),
  ]);
  return (
    <MyView
      editor={editor}
      noDepartment={editorRole && editor === null}
      reviewer={reviewer}
      followed={followed}
      locale={locale}
      t={t}
    />
  );
}
