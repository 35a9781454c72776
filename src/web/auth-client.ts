import { createAuthClient } from "better-auth/react";
import { twoFactorClient } from "better-auth/client/plugins";

function create() {
  // The sign-in page handles `twoFactorRedirect` itself (it asks for the code in place).
  return createAuthClient({ baseURL: window.location.origin, plugins: [twoFactorClient()] });
}

type AuthClient = ReturnType<typeof create>;

let client: AuthClient | undefined;

/**
 * Created on first use rather than at import, because modules are also evaluated while
 * Next renders on the server, where there is no window to take the origin from.
 *
 * Besides sign-in/up it carries: `signIn.social({ provider, callbackURL })` (Google,
 * GitHub and the operator's OpenID Connect provider), `twoFactor.*` (enable, verifyTotp,
 * verifyBackupCode, disable — disable also takes `code`, checked by our server),
 * `changePassword`, `requestPasswordReset`, `resetPassword`, `sendVerificationEmail`,
 * `listAccounts`, `linkSocial` and `unlinkAccount`.
 */
export function getAuthClient(): AuthClient {
  client ??= create();
  return client;
}
