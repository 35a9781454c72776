/**
 * Social sign-in providers. Google, GitHub and the operator's own OpenID Connect
 * provider all go through one code path (better-auth's generic OAuth plugin), with the
 * endpoints each publishes, so the end-to-end test against a local OpenID Connect
 * provider exercises the same code as the Google and GitHub buttons.
 */
import type { GenericOAuthConfig } from "better-auth/plugins/generic-oauth";
import type { Config } from "../config";

export const GOOGLE_DISCOVERY_URL = "https://accounts.google.com/.well-known/openid-configuration";
export const GITHUB_ENDPOINTS = {
  authorizationUrl: "https://github.com/login/oauth/authorize",
  tokenUrl: "https://github.com/login/oauth/access_token",
  userUrl: "https://api.github.com/user",
  emailsUrl: "https://api.github.com/user/emails",
} as const;

interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  avatar_url: string | null;
}

/** GitHub is OAuth 2 without OpenID Connect: the verified primary email needs a second call. */
async function githubUserInfo(accessToken: string | undefined) {
  if (!accessToken) return null;
  const headers = { authorization: `Bearer ${accessToken}`, accept: "application/vnd.github+json", "user-agent": "giga-chat" };
  const userResponse = await fetch(GITHUB_ENDPOINTS.userUrl, { headers });
  if (!userResponse.ok) return null;
  const profile = (await userResponse.json()) as GitHubUser;
  const emailsResponse = await fetch(GITHUB_ENDPOINTS.emailsUrl, { headers });
  const emails = emailsResponse.ok ? ((await emailsResponse.json()) as { email: string; primary: boolean; verified: boolean }[]) : [];
  const primary = emails.find((e) => e.primary) ?? emails.find((e) => e.email === profile.email);
  const email = primary?.email ?? profile.email;
  if (!email) return null;
  return {
    id: String(profile.id),
    name: profile.name || profile.login,
    email,
    emailVerified: primary?.verified ?? false,
    image: profile.avatar_url ?? undefined,
  };
}

export interface SocialProvider {
  id: "google" | "github" | "oidc";
  name: string;
  oauth: GenericOAuthConfig;
}

/** The providers whose client id and secret the operator set, in button order. */
export function socialProviders(config: Config): SocialProvider[] {
  const list: SocialProvider[] = [];
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET) {
    list.push({
      id: "google",
      name: "Google",
      oauth: {
        providerId: "google",
        name: "Google",
        discoveryUrl: GOOGLE_DISCOVERY_URL,
        clientId: config.GOOGLE_CLIENT_ID,
        clientSecret: config.GOOGLE_CLIENT_SECRET,
        scopes: ["openid", "email", "profile"],
        pkce: true,
      },
    });
  }
  if (config.GITHUB_CLIENT_ID && config.GITHUB_CLIENT_SECRET) {
    list.push({
      id: "github",
      name: "GitHub",
      oauth: {
        providerId: "github",
        name: "GitHub",
        authorizationUrl: GITHUB_ENDPOINTS.authorizationUrl,
        tokenUrl: GITHUB_ENDPOINTS.tokenUrl,
        clientId: config.GITHUB_CLIENT_ID,
        clientSecret: config.GITHUB_CLIENT_SECRET,
        scopes: ["read:user", "user:email"],
        getUserInfo: (tokens) => githubUserInfo(tokens.accessToken),
      },
    });
  }
  if (config.OIDC_DISCOVERY_URL && config.OIDC_CLIENT_ID) {
    list.push({
      id: "oidc",
      name: config.OIDC_NAME,
      oauth: {
        providerId: "oidc",
        name: config.OIDC_NAME,
        discoveryUrl: config.OIDC_DISCOVERY_URL,
        clientId: config.OIDC_CLIENT_ID,
        clientSecret: config.OIDC_CLIENT_SECRET,
        scopes: ["openid", "email", "profile"],
        pkce: true,
      },
    });
  }
  return list;
}
