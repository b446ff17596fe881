/**
 * The Content-Security-Policy of every HTML page, built per request around a fresh nonce (proxy.ts).
 * Next.js reads the nonce from the request's policy and puts it on its own bootstrap and chunk scripts;
 * 'strict-dynamic' then trusts the chunks those scripts load, so no host list and no 'unsafe-inline'
 * script is needed. API answers and evidence downloads get fixed, stricter policies in next.config.js.
 */
export interface PagePolicyOptions {
  /** Base64, at least 128 random bits, never reused. */
  nonce: string;
  /** `next dev`: React rebuilds server error stacks with eval, and the dev server injects styles unsigned. */
  development: boolean;
  /** Behind TLS (NEXTAUTH_URL is https): load every subresource over https. */
  https: boolean;
}

const NONCE_PATTERN = /^[A-Za-z0-9+/]{22,}={0,2}$/;

export function pageContentSecurityPolicy({ nonce, development, https }: PagePolicyOptions): string {
  if (!NONCE_PATTERN.test(nonce)) throw new Error("a CSP nonce must be base64 of at least 128 bits");
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // <style> elements need the nonce; style="" attributes cannot carry one, and React renders them for
    // recharts' containers, the chart height, progress bars and indented outlines — so attributes only.
    ...(development
      ? ["style-src 'self' 'unsafe-inline'"]
      : [`style-src 'self' 'nonce-${nonce}'`, "style-src-attr 'unsafe-inline'"]),
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** The nonce a page policy carries (what Next.js itself extracts), or null. */
export function nonceOf(policy: string): string | null {
  return /'nonce-([^']+)'/.exec(policy)?.[1] ?? null;
}
