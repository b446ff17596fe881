import { PageHeader } from "@/components/ui/page-header";
import type { Locale, Translate } from "@/lib/i18n/catalogue";
import type { ApiTokenRow } from "@/lib/schemas/account";
import { EXPIRY_CHOICES } from "@/lib/schemas/account";
import type { Actor } from "@/lib/server/auth/actor";
import { CreateTokenForm, type CreateTokenAction } from "./create-token-form";
import { TokenList } from "./token-list";
import type { RevokeTokenAction } from "./revoke-token-button";

export function AccountView({
  actor,
  ownTokens,
  allTokens,
  locale,
  t,
  createAction,
  revokeAction,
}: {
  actor: Actor;
  ownTokens: ApiTokenRow[];
  allTokens: ApiTokenRow[] | null;
  locale: Locale;
  t: Translate;
  createAction: CreateTokenAction;
  revokeAction: RevokeTokenAction;
}) {
  const errors = {
    VALIDATION: t("account.tokens.errors.VALIDATION"),
    CONFLICT: t("account.tokens.errors.CONFLICT"),
    NOT_FOUND: t("account.tokens.errors.NOT_FOUND"),
    FORBIDDEN: t("account.tokens.errors.FORBIDDEN"),
    UNAUTHENTICATED: t("account.tokens.errors.UNAUTHENTICATED"),
    generic: t("account.tokens.errors.generic"),
  };
  return (
    <>
      <PageHeader title={t("account.title")} intro={t("account.intro")} />

      <section
        aria-labelledby="profile-heading"
        className="mb-8 rounded-lg border border-slate-200 bg-white p-4 md:p-5"
      >
        <h2 id="profile-heading" className="text-lg font-semibold text-slate-900">
          {t("account.profile.heading")}
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
          <dt className="text-slate-500">{t("account.profile.name")}</dt>
          <dd className="text-slate-900">{actor.displayName}</dd>
          <dt className="text-slate-500">{t("account.profile.username")}</dt>
          <dd className="break-all text-slate-900">{actor.username}</dd>
          <dt className="text-slate-500">{t("account.profile.role")}</dt>
          <dd className="text-slate-900">{t(`auth.roles.${actor.role}`)}</dd>
          <dt className="text-slate-500">{t("account.profile.department")}</dt>
          <dd className="text-slate-900">{actor.departmentName ?? t("account.profile.noDepartment")}</dd>
        </dl>
      </section>

      <section aria-labelledby="tokens-heading" className="space-y-6">
        <div>
          <h2 id="tokens-heading" className="text-lg font-semibold text-slate-900">
            {t("account.tokens.heading")}
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("account.tokens.intro")}</p>
          <p className="mt-2 text-sm">
            <a href="/api/v1/openapi.json" className="text-brand-700 underline">
              {t("account.tokens.docs")}
            </a>
          </p>
          <figure className="mt-2">
            <figcaption className="text-xs text-slate-500">{t("account.tokens.usage")}</figcaption>
            <pre className="mt-1 rounded bg-slate-900 p-3 text-xs break-all whitespace-pre-wrap text-slate-100">
              <code>{'curl -H "Authorization: Bearer dpt_…" "/api/v1/tasks?pageSize=20"'}</code>
            </pre>
          </figure>
        </div>

        <CreateTokenForm
          action={createAction}
          text={{
            heading: t("account.tokens.createHeading"),
            name: t("account.tokens.name"),
            nameHint: t("account.tokens.nameHint"),
            nameInvalid: t("account.tokens.nameInvalid"),
            expiry: t("account.tokens.expiry"),
            noExpiry: t("account.tokens.noExpiry"),
            create: t("account.tokens.create"),
            creating: t("account.tokens.creating"),
            createdHeading: t("account.tokens.createdHeading"),
            createdWarning: t("account.tokens.createdWarning"),
            secretLabel: t("account.tokens.secretLabel"),
            copy: t("account.tokens.copy"),
            copied: t("account.tokens.copied"),
            dismiss: t("account.tokens.dismiss"),
            errors,
          }}
          expiryChoices={EXPIRY_CHOICES.map((days) => ({
            days,
            label: t("account.tokens.expiryDays", { days }),
          }))}
        />

        <TokenList
          headingId="own-tokens-heading"
          heading={t("account.tokens.listHeading")}
          tokens={ownTokens}
          showOwner={false}
          locale={locale}
          t={t}
          revokeAction={revokeAction}
          errors={errors}
        />
        {allTokens ? (
          <TokenList
            headingId="all-tokens-heading"
            heading={t("account.tokens.allHeading")}
            tokens={allTokens}
            showOwner
            locale={locale}
            t={t}
            revokeAction={revokeAction}
            errors={errors}
          />
        ) : null}
      </section>
    </>
  );
}
