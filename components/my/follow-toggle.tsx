import { setFollowAction } from "@/lib/actions/follows";
import type { Translate } from "@/lib/i18n/catalogue";
import { FollowSubmit } from "./follow-submit";

/**
 * 关注 on a task or indicator page: a plain form posting to the server action, so it works without
 * JavaScript; the page re-renders with the new state (the action revalidates it).
 */
export function FollowToggle({
  subject,
  id,
  following,
  t,
}: {
  subject: "task" | "indicator";
  id: number;
  following: boolean;
  t: Translate;
}) {
  return (
    <form action={setFollowAction as unknown as (data: FormData) => Promise<void>} data-testid="follow-toggle">
      <input type="hidden" name="subject" value={subject} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="follow" value={following ? "false" : "true"} />
      <FollowSubmit
        following={following}
        text={{
          follow: t("my.follow.follow"),
          unfollow: t("my.follow.unfollow"),
          pending: t("my.follow.pending"),
        }}
      />
    </form>
  );
}
