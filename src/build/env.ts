/**
 * The environment of the processes a build starts. Astro sends usage data (telemetry) over the
 * network unless told not to, and builds must make no network call. `astro telemetry disable`
 * only writes a setting for the current user, so each Astro process is told instead, by this
 * variable (also set by the package.json scripts that run astro themselves).
 */
export const TELEMETRY_OFF = { ASTRO_TELEMETRY_DISABLED: '1' } as const;

/** `base` with `extra` on top, telemetry off whatever either says. */
export const childEnv = (base: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...base, ...extra, ...TELEMETRY_OFF });
