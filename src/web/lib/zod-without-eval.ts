/**
 * Turns zod's JIT off (`z.config({ jitless: true })`) without importing zod: zod keeps
 * its global settings on `globalThis.__zod_globalConfig` and reads them from there when
 * it loads, so this may run before zod is in the page at all. The chat's first screen
 * does not load zod; the settings forms that use the shared schemas bring it later.
 * zod-without-eval.test.ts checks that zod still reads the setting from there.
 */
export function zodWithoutEval(): void {
  const scope = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
  (scope.__zod_globalConfig ??= {}).jitless = true;
}
