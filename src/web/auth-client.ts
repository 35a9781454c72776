import { createAuthClient } from "better-auth/react";

type AuthClient = ReturnType<typeof createAuthClient>;

let client: AuthClient | undefined;

/**
 * Created on first use rather than at import, because modules are also evaluated while
 * Next renders on the server, where there is no window to take the origin from.
 */
export function getAuthClient(): AuthClient {
  client ??= createAuthClient({ baseURL: window.location.origin });
  return client;
}
