import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "../env";
import { createTranslator, isLocale, LOCALE_COOKIE, type Locale, type Translate } from "./catalogue";

export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : getEnv().DEFAULT_LOCALE;
}

export async function getTranslator(): Promise<{ locale: Locale; t: Translate }> {
  const locale = await getLocale();
  return { locale, t: createTranslator(locale) };
}
