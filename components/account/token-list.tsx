import { formatDate, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { ApiTokenRow } from "@/lib/schemas/account";
import { RevokeTokenButton, type RevokeTokenAction } from "./revoke-token-button";

const STATE_STYLE: Record<ApiTokenRow["state"], string> = {
  ACTIVE: "bg-green-100 text-green-800",
  EXPIRED: "bg-slate-200 text-slate-700",
  REVOKED: "bg-red-100 text-red-800",
};

/** Tokens as cards (readable on a phone); never their secrets, which the server does not have. */
export function TokenList({
  headingId,
  heading,
  tokens,
  showOwner,
  locale,
  t,
  revokeAction,
  errors,
}: {
  headingId: string;
  heading: string;
  tokens: ApiTokenRow[];
  showOwner: boolean;
  locale: Locale;
  t: Translate;
  revokeAction: RevokeTokenAction;
  errors: Record<string, string>;
}) {
  const when = (iso: string) => formatDate(locale, iso, { hour: "2-digit", minute: "2-digit" });
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="font-semibold text-slate-900">
        {heading}
      </h3>
      {tokens.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("account.tokens.empty")}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {tokens.map((token) => (
            <li key={token.id} className="p-3 md:p-4" data-token-id={token.id}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="min-w-0">
                  <span className="font-medium break-all text-slate-900">{token.name}</span>{" "}
                  <span className={`ml-1 rounded px-2 py-0.5 text-xs ${STATE_STYLE[token.state]}`}>
                    {t(`account.tokens.states.${token.state}`)}
                  </span>
                </div>
                {token.state === "ACTIVE" ? (
                  <RevokeTokenButton
                    tokenId={token.id}
                    tokenName={token.name}
                    action={revokeAction}
                    text={{
                      revoke: t("account.tokens.revoke"),
                      confirm: t("account.tokens.revokeConfirm"),
                      cancel: t("account.tokens.revokeCancel"),
                      question: t("account.tokens.revokeQuestion"),
                      revoking: t("account.tokens.revoking"),
                      errors,
                    }}
                  />
                ) : null}
              </div>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-slate-600 sm:grid-cols-[auto_1fr_auto_1fr]">
                <dt>{t("account.tokens.prefix")}</dt>
                <dd className="font-mono">{token.prefix}…</dd>
                {showOwner ? (
                  <>
                    <dt>{t("account.tokens.owner")}</dt>
                    <dd className="break-all">
                      {token.owner.displayName}（{token.owner.username}）
                    </dd>
                  </>
                ) : null}
                <dt>{t("account.tokens.createdAt")}</dt>
                <dd>{when(token.createdAt)}</dd>
                <dt>{t("account.tokens.lastUsedAt")}</dt>
                <dd>{token.lastUsedAt ? when(token.lastUsedAt) : t("account.tokens.never")}</dd>
                <dt>{t("account.tokens.expiresAt")}</dt>
                <dd>{token.expiresAt ? when(token.expiresAt) : t("account.tokens.noExpiryShort")}</dd>
                {token.revokedAt ? (
                  <>
                    <dt>{t("account.tokens.state")}</dt>
                    <dd>{t("account.tokens.revokedAt", { date: when(token.revokedAt) })}</dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
