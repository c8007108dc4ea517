/**
 * The environment of the processes a build starts. Astro sends usage data (telemetry) over the
 * network unless told not to, and builds must make no network call. `astro telemetry disable`
 * only writes a setting for the current user, so each Astro process is told instead, by this
 * variable (also set by the package.json scripts that run astro themselves).
 */
export const TELEMETRY_OFF = { ASTRO_TELEMETRY_DISABLED: '1' } as const;

/**
 * Names Vite gives `import.meta.env` itself. A parent that runs under Vite (Vitest) has them in its
 * process environment, and Astro's server code reads `import.meta.env` from that environment: an
 * inherited `BASE_URL=/` would put every URL of a site configured under `/fzbg/` back at the root.
 */
const VITE_OWN = ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'SITE', 'ASSETS_PREFIX'];

/** `base` with `extra` on top, without Vite's own names, telemetry off whatever either says. */
export const childEnv = (base: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries({ ...base, ...extra, ...TELEMETRY_OFF }).filter(([k]) => !VITE_OWN.includes(k)));
