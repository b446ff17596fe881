"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "./catalogue";

const input = z.object({ locale: z.enum(LOCALES) });

/** Stores the interface language. Not a data mutation: anyone, signed in or not, may choose it. */
export async function setLocale(formData: FormData): Promise<void> {
  // A public endpoint: anything can arrive, not only the form's FormData.
  if (!(formData instanceof FormData)) return;
  const parsed = input.safeParse({ locale: formData.get("locale") });
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
    httpOnly: false,
  });
}
