/**
 * A server action request (POST with a `Next-Action` header) carries its arguments in React's reply
 * encoding: a text/plain body holding one JSON array, or a multipart form whose field "0" holds it and
 * whose other fields hold the parts it references. Next 16 decodes that body before any of our code runs
 * and answers 500 to anything it cannot decode (invalid JSON, a cut-off form, references to parts that
 * are not there, deep nesting). This check, run by proxy.ts, refuses such bodies with a 4xx first.
 *
 * It is not a security boundary — every action still authenticates and validates its input
 * (lib/server/action.ts) — it keeps garbage from being reported as a server failure. It admits exactly
 * what our clients send: plain JSON values (objects, arrays, strings, numbers, booleans, null, plus
 * React's markers for undefined, dates, big integers and non-finite numbers) and, in a multipart body,
 * FormData arguments (`<form action>` and useActionState) and outlined parts that exist.
 */

import { findUnsafeText, UNSAFE_TEXT_MESSAGES } from "../domain/text-input";
import { msg, type MessageLike } from "../i18n/message";

export interface Refusal {
  status: 400 | 413 | 415 | 422;
  /** Translated by proxy.ts into the request's language. */
  message: MessageLike;
}

/** Next's own limit for server action bodies (serverActions.bodySizeLimit, 1 MB by default). */
export const MAX_ACTION_BODY_BYTES = 1024 * 1024;
/** Far deeper than any argument we take; React's decoder recurses per level. */
const MAX_DEPTH = 64;

const undecodable = (detail: string): Refusal => ({
  status: 400,
  message: msg("errors.undecodable", { detail }),
});

// Markers that decode to a value without referring to another part of the body.
const SELF_CONTAINED = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d{1,300}$)/;
// References to another part: "$<hex>" and "$@<hex>" (an outlined value), "$K<hex>" (a FormData).
const PART_REFERENCE = /^\$(@?)([0-9a-f]+)$/i;
const FORM_DATA_REFERENCE = /^\$K[0-9a-f]+$/i;

type PartLookup = (id: string) => string | undefined;

/** Walks one decoded JSON value; `parts` is null for a text body, which has no parts to refer to. */
function checkValue(value: unknown, parts: PartLookup | null, visited: Set<string>, depth: number): string | null {
  if (depth > MAX_DEPTH) return "nested too deeply";
  if (typeof value === "string") {
    if (!value.startsWith("$") || SELF_CONTAINED.test(value)) return null;
    if (parts && FORM_DATA_REFERENCE.test(value)) return null;
    const reference = PART_REFERENCE.exec(value);
    if (!parts || !reference) return `unsupported value ${JSON.stringify(value.slice(0, 12))}`;
    const id = String(parseInt(reference[2]!, 16));
    if (visited.has(id)) return null;
    visited.add(id);
    const part = parts(id);
    if (part === undefined) return `missing part ${id}`;
    return checkPart(part, parts, visited, depth + 1);
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = checkValue(item, parts, visited, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) {
      const problem = checkValue(item, parts, visited, depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

function checkPart(text: string, parts: PartLookup | null, visited: Set<string>, depth: number): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  return checkValue(value, parts, visited, depth);
}

/**
 * Next aborts a server action whose Origin names another host than the request's (x-forwarded-host or
 * host) — with a 500. The same rule, checked first, so the refusal is a 403. No Origin: Next decides.
 */
export function isCrossOriginAction(origin: string | null, host: string | null): boolean {
  if (!origin) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** null when Next can decode the body, otherwise the 4xx to answer instead. */
export async function checkServerActionBody(
  contentType: string | null,
  body: Uint8Array<ArrayBuffer>,
): Promise<Refusal | null> {
  if (body.byteLength > MAX_ACTION_BODY_BYTES) {
    return { status: 413, message: msg("errors.bodyTooLarge") };
  }
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": contentType! } }).formData();
    } catch {
      return undecodable("not a multipart form");
    }
    // Field names and values: valid Unicode without NUL (lib/domain/text-input.ts). React's decoder
    // fails on a NUL in a FormData argument's field name with a 500 before the action's wrapper runs.
    if (findUnsafeText(form)) return { status: 422, message: UNSAFE_TEXT_MESSAGES.input };
    const root = form.get("0");
    if (typeof root !== "string") return undecodable("no arguments");
    const lookup: PartLookup = (id) => {
      const part = form.get(id);
      return typeof part === "string" ? part : undefined;
    };
    const problem = checkPart(root, lookup, new Set(["0"]), 0);
    if (problem) return undecodable(problem);
    return Array.isArray(JSON.parse(root)) ? null : undecodable("arguments are not a list");
  }
  if (type === "" || type.startsWith("text/plain")) {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    } catch {
      return undecodable("not UTF-8");
    }
    const problem = checkPart(text, null, new Set(), 0);
    if (problem) return undecodable(problem);
    return Array.isArray(JSON.parse(text)) ? null : undecodable("arguments are not a list");
  }
  return { status: 415, message: msg("errors.unsupportedContentType") };
}
