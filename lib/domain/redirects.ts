/**
 * Where the browser may be sent after sign-in: only a path on this site (no open redirect).
 *
 * A path is refused when a browser, or any later step that decodes or normalises it once more, could
 * read it as a scheme-relative URL ("//host", "/\host") and so leave the site:
 * - it is resolved as a browser would (dot segments, "%2e", tabs and newlines removed) and the result
 *   checked, so "/.//evil.example" (which resolves to "//evil.example") is caught;
 * - the check is repeated on each percent-decoded layer ("/%2F%2Fevil", "/%252F…") after NFKC
 *   normalisation, with whitespace and controls between the slashes ignored and the Unicode slashes
 *   (／ ＼ ∕ ⁄ ⧸ …) counted as slashes;
 * - the value returned is a fixed point: resolving or sanitising it again gives the same path.
 * Anything refused becomes "/". Only paths are accepted: absolute URLs, even of this origin, are not.
 */
const FALLBACK = "/";
/** The base for resolving when the caller has no origin at hand (paths resolve the same on any). */
const PLACEHOLDER_ORIGIN = "http://callback.invalid";

// Slashes and the characters that look like them or that NFKC, a URL parser or a host parser maps to one.
const SLASH = "[/\\\\\\u2044\\u2215\\u2216\\u29f5\\u29f8\\u29f9\\ufe68\\uff0f\\uff3c]";
// What browsers skip, or a reader does not see, between two slashes.
const GAP =
  "[\\s\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0]*";
const LEAVES_SITE = new RegExp(`^${GAP}${SLASH}${GAP}${SLASH}`, "u");
const MAX_DECODING_ROUNDS = 8;

/** Percent-decodes what decodes as UTF-8 and leaves any other escape as it is (never throws). */
function percentDecode(value: string): string {
  return value.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-f]{2})/gi, (escape, hex: string) => {
        const code = parseInt(hex, 16);
        return code < 0x80 ? String.fromCharCode(code) : escape;
      });
    }
  });
}

const pathOf = (url: URL) => `${url.pathname}${url.search}${url.hash}`;

/** True when this path, or any decoded or re-resolved form of it, reads as "//host" or "/\host". */
function couldLeaveSite(path: string): boolean {
  let current = path;
  for (let round = 0; round < MAX_DECODING_ROUNDS; round++) {
    const folded = current.normalize("NFKC");
    if (LEAVES_SITE.test(current) || LEAVES_SITE.test(folded)) return true;
    if (folded.startsWith("/")) {
      let resolved: URL;
      try {
        resolved = new URL(folded, PLACEHOLDER_ORIGIN);
      } catch {
        return true;
      }
      if (resolved.origin !== PLACEHOLDER_ORIGIN || LEAVES_SITE.test(resolved.pathname)) return true;
    }
    const decoded = percentDecode(current);
    if (decoded === current) return false;
    current = decoded;
  }
  return true; // encoded deeper than any honest link
}

export function safeCallback(value: string | null | undefined, origin: string = PLACEHOLDER_ORIGIN): string {
  if (!value || !value.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(value)) return FALLBACK;
  let base: string;
  let url: URL;
  try {
    base = new URL(origin).origin;
    url = new URL(value, base);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== base) return FALLBACK;
  const path = pathOf(url);
  if (couldLeaveSite(value) || couldLeaveSite(path)) return FALLBACK;
  // A fixed point: what the browser makes of the result is the result.
  if (pathOf(new URL(path, base)) !== path) return FALLBACK;
  return path;
}

/**
 * next-auth's `redirect` callback: the same rule for every redirect next-auth makes (after single
 * sign-on, sign-out, errors). Same-origin absolute URLs are reduced to their path first; anything else
 * goes to the home page.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  let origin: string;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    return FALLBACK;
  }
  let path: string | null = null;
  if (url.startsWith("/")) {
    path = url;
  } else {
    try {
      const absolute = new URL(url);
      if (absolute.origin === origin && !absolute.username && !absolute.password) path = pathOf(absolute);
    } catch {
      path = null;
    }
  }
  return `${origin}${path === null ? FALLBACK : safeCallback(path, origin)}`;
}
