/**
 * Only same-origin paths are followed after sign-in (no open redirect): "/\\evil.com", "/\t/evil.com"
 * and the like resolve to other hosts in browsers, so the value is resolved and its origin compared.
 */
export function safeCallback(value: string | null, origin: string): string {
  if (!value || !value.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(value)) return "/";
  try {
    const url = new URL(value, origin);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
