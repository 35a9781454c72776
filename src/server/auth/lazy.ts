/**
 * better-auth, loaded after the server starts listening instead of before: loading it and
 * its dependencies is about half a second of a start on a 2-core machine, and the first
 * answers (a page's API calls with a session, an invite's preview) do not need it — a
 * session is read by our own resolver (auth/session.ts). Its three doors here — the
 * handler, `api` calls and `$context` — wait for the load; the first sign-in after a start
 * may wait for it, nothing else does. In production it loads once Next.js has prepared
 * (`after`): both are CPU work on one thread, and a person signs in from a page.
 */
import type { Logger } from "pino";
import type { Auth, CreateAuthOptions } from "./index";

export interface LazyAuth {
  auth: Auth;
  /** Resolves once better-auth is loaded and made. */
  loaded: Promise<unknown>;
}

export function loadAuth(opts: CreateAuthOptions, log: Pick<Logger, "error">, after?: Promise<unknown>): LazyAuth {
  const loaded = (after ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => import("./index"))
    .then((m) => m.createAuth(opts));
  loaded.catch((err: unknown) => log.error({ err }, "sign-in could not be loaded"));
  type Call = (...args: unknown[]) => unknown;
  const api = new Proxy({} as Record<string, Call>, {
    get: (_, name: string) => async (...args: unknown[]) => ((await loaded).api as unknown as Record<string, Call>)[name]!(...args),
  });
  const auth = {
    handler: async (request: Request) => (await loaded).handler(request),
    api,
    get $context() {
      return loaded.then((a) => a.$context);
    },
  };
  return { auth: auth as unknown as Auth, loaded };
}
