/**
 * The one rule for text entering the system: it must be valid Unicode without NUL. PostgreSQL refuses a
 * NUL in text and jsonb (22021, and `\u0000` in jsonb) and a lone surrogate in jsonb, and node-postgres
 * silently turns a lone surrogate into U+FFFD in text — so such input would either fail as a 500 or be
 * stored altered. Decision: it is REFUSED (422 with the field named, or 400 for a page address), never
 * silently stripped; only what we write ourselves about refused input (the audit log) is sanitised.
 *
 * Used by every boundary: the route wrapper (query, path, JSON body, multipart fields — lib/server/http.ts),
 * the server-action wrapper (lib/server/action.ts), page addresses (proxy.ts through lib/search-params.ts)
 * and zod string schemas (`text()`).
 */
import { z } from "zod";
import { messageRef } from "../i18n/message";

/** A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
export const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSAFE_TEXT_ALL = new RegExp(UNSAFE_TEXT.source, "g");

export function isSafeText(value: string): boolean {
  return !UNSAFE_TEXT.test(value);
}

/**
 * The refusals, as catalogue references (messages/areas/inputText.ts): the action and route wrappers, the
 * proxy and the method guard translate them into the reader's language (lib/i18n/message.ts).
 */
export const UNSAFE_TEXT_MESSAGES = {
  field: messageRef("inputText.unsafeField"),
  input: messageRef("inputText.unsafeInput"),
  address: messageRef("inputText.unsafeAddress"),
  methodNotAllowed: messageRef("inputText.methodNotAllowed"),
} as const;

/** A zod string that refuses NUL and lone surrogates; chain `.max()`, `.trim()`… as with `z.string()`. */
export function text() {
  return z.string().refine(isSafeText, UNSAFE_TEXT_MESSAGES.field);
}

type FormDataLike = { entries(): IterableIterator<[string, unknown]> };
const isFormData = (value: unknown): value is FormDataLike =>
  typeof FormData !== "undefined" && value instanceof FormData;
const isFile = (value: unknown): value is { name: string } =>
  typeof Blob !== "undefined" && value instanceof Blob && typeof (value as { name?: unknown }).name === "string";

/**
 * The path ("progressText", "items.2.name", "(key)" for an object key or form field name) of the first
 * unsafe string in a value — strings, arrays, plain objects (keys and values), FormData (field names,
 * values and file names), URLSearchParams — or null when every string is safe.
 */
export function findUnsafeText(value: unknown, path: string[] = [], depth = 0): string | null {
  const at = (...more: string[]) => [...path, ...more].join(".") || "_";
  if (depth > 200) return null; // deeper than anything a schema accepts; the schema refuses it.
  if (typeof value === "string") return isSafeText(value) ? null : at();
  if (value === null || typeof value !== "object") return null;
  if (isFile(value)) return isSafeText(value.name) ? null : at("(file name)");
  if (isFormData(value) || value instanceof URLSearchParams) {
    for (const [name, item] of (value as FormDataLike).entries()) {
      if (!isSafeText(name)) return at("(field name)");
      const found = findUnsafeText(item, [...path, name], depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnsafeText(value[index], [...path, String(index)], depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value instanceof Date) return null;
  for (const [key, item] of Object.entries(value)) {
    if (!isSafeText(key)) return at("(key)");
    const found = findUnsafeText(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** The text with every NUL and lone surrogate replaced by U+FFFD: for what we record about refused input. */
export function sanitizeText(value: string): string {
  return value.replace(UNSAFE_TEXT_ALL, "\uFFFD");
}

/** A JSON-shaped value with every string (and object key) sanitised; other values unchanged. */
export function sanitizeJson(value: unknown): unknown {
  if (typeof value === "string") return sanitizeText(value);
  if (Array.isArray(value)) return value.map(sanitizeJson);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [sanitizeText(key), sanitizeJson(item)]));
  }
  return value;
}
