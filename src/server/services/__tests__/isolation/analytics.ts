import type { IsolationCases } from "./types";

/** Analytics: A is a firm, neither a service centre nor a platform admin, and is refused. */
export function analyticsCases(): IsolationCases {
  return {
    async setup() {},
    attempts: { "analytics.overview": (c) => c.analytics.overview({}) },
    mustRefuse: ["analytics.overview"],
    async snapshot() {
      return null;
    },
  };
}
