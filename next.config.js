// Pages get their Content-Security-Policy from proxy.ts, with a fresh nonce per request
// (lib/domain/content-security-policy.ts). API answers are data, never documents: nothing may load.
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The launcher and scripts run the PGlite server; the web server only needs pg. pdfkit (bulletin PDFs)
  // loads its font engine and data files at run time: required from node_modules, not bundled; so is
  // pptxgenjs (the slide deck), whose Node build requires fs, https and image-size at run time.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "pg",
    "pdfkit",
    "fontkit",
    "pptxgenjs",
  ],
  typedRoutes: false,
  // forbidden() (next/navigation): a page a role may not open answers 403 with app/(app)/forbidden.tsx.
  experimental: { authInterrupts: true },
  // The build type-checks the application; `npm run check` type-checks everything (tests, scripts too).
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }] },
      // Uploaded files get the strictest policy. The download route sets it too, but headers from this
      // config replace a route's own for the same key; a later entry here wins over the one above.
      {
        source: "/api/evidence/:id",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; sandbox" }],
      },
    ];
  },
};

export default nextConfig;
