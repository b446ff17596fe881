/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The launcher and scripts run the PGlite server; the web server only needs pg.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg"],
  typedRoutes: false,
  // The build type-checks the application; `npm run check` type-checks everything (tests, scripts too).
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
