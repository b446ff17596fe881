/**
 * A user-facing message as code carries it: a catalogue key and its values, translated once, late, by
 * whoever knows the reader's language (the action and route wrappers, lib/server/action.ts and http.ts).
 * Pure: shared by server code, the proxy and zod schemas.
 */
import {
  createTranslator,
  DEFAULT_LOCALE,
  getMessages,
  isLocale,
  lookup,
  type Locale,
  type MessageKey,
} from "./catalogue";

export type MessageValues = Record<string, string | number | Message>;
export interface Message {
  key: MessageKey;
  values?: MessageValues;
}
/** A Message, or a string: a messageRef (zod schema messages) or text that is already in the reader's words. */
export type MessageLike = Message | string;

export const msg = (key: MessageKey, values?: MessageValues): Message => (values ? { key, values } : { key });

// zod issues carry a string: the key, then its values as JSON after the separator.
const SEPARATOR = "|";

/** A message for a place that only holds a string (zod schema messages); the wrappers translate it. */
export function messageRef(key: MessageKey, values?: MessageValues): string {
  return values ? `${key}${SEPARATOR}${JSON.stringify(values)}` : key;
}

const isKey = (key: string): key is MessageKey => lookup(getMessages("zh-CN"), key) !== undefined;

/** The Message a string refers to, or null when it is literal text (zod's own defaults, legacy text). */
export function parseMessageRef(text: string): Message | null {
  const at = text.indexOf(SEPARATOR);
  const key = at === -1 ? text : text.slice(0, at);
  if (!isKey(key)) return null;
  if (at === -1) return { key };
  try {
    return { key, values: JSON.parse(text.slice(at + 1)) as MessageValues };
  } catch {
    return null;
  }
}

/** The message in `locale`'s words; values that are messages themselves are translated first. */
export function translate(locale: Locale, message: MessageLike): string {
  const resolved = typeof message === "string" ? parseMessageRef(message) : message;
  if (!resolved) return message as string;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(resolved.values ?? {})) {
    values[name] = typeof value === "object" ? translate(locale, value) : value;
  }
  return createTranslator(locale)(resolved.key, values);
}

/**
 * The language of a request that is answered before any page or wrapper runs (proxy.ts): the interface's
 * language cookie, else Accept-Language.
 */
export function localeOfRequest(
  cookie: string | undefined,
  acceptLanguage: string | null,
  fallback: Locale = DEFAULT_LOCALE,
): Locale {
  return isLocale(cookie) ? cookie : localeFromAcceptLanguage(acceptLanguage, fallback);
}

/**
 * The language an API client asked for (Accept-Language, by q-value, then order): zh… → zh-CN, en… → en;
 * `fallback` when it names neither.
 */
export function localeFromAcceptLanguage(header: string | null, fallback: Locale = DEFAULT_LOCALE): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean)?.[1];
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (primary === "zh") return "zh-CN";
    if (primary === "en") return "en";
  }
  return fallback;
}
