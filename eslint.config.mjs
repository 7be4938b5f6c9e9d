import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/**", "next-env.d.ts", "playwright-report/**", "test-results/**"],
  },
  {
    rules: {
      // The house style keeps environment access in one validated module.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration from src/env.ts." }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/env.ts", "src/instrumentation.ts", "**/*.test.ts", "*.config.*", "scripts/**", "bin/**", "e2e/**", "src/test/**"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;
