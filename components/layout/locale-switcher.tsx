import { setLocale } from "@/lib/i18n/actions";
import { LOCALES, type Locale, type Translate } from "@/lib/i18n/catalogue";

const LABEL_KEYS = { "zh-CN": "locale.zhCN", en: "locale.en" } as const;

/** Plain forms posting to a server action: works without JavaScript. */
export function LocaleSwitcher({ locale, t }: { locale: Locale; t: Translate }) {
  return (
    <div role="group" aria-label={t("locale.switchLabel")} className="flex items-center gap-1 text-sm">
      {LOCALES.map((option) => (
        <form key={option} action={setLocale}>
          <input type="hidden" name="locale" value={option} />
          <button
            type="submit"
            lang={option}
            aria-pressed={option === locale}
            className={`rounded px-2 py-1 ${
              option === locale ? "bg-white/20 font-semibold text-white" : "text-brand-100 hover:text-white"
            }`}
          >
            {t(LABEL_KEYS[option])}
          </button>
        </form>
      ))}
    </div>
  );
}
