import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "./catalogue";

/**
 * The language of a file a route builds for a request: the interface language (the locale cookie) for a
 * browser, else the account's language (an API token sends no cookie), else the default.
 */
export function requestLocale(cookieHeader: string | null, accountLocale: string | null | undefined): Locale {
  const cookie = (cookieHeader ?? "")
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  if (isLocale(cookie)) return cookie;
  return isLocale(accountLocale) ? accountLocale : DEFAULT_LOCALE;
}
