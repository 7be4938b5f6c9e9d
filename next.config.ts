import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const nextConfig: NextConfig = {
  // Turbopack cannot bundle native addons or PGlite's WASM loader: load them from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/jieba", "@node-rs/argon2", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
