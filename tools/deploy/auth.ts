/**
 * Where the deploy gets its bearer token. Chosen from environment variables so pipelines need no flags:
 * DATAVERSE_ACCESS_TOKEN (static, for the sandbox and tests) > client credentials
 * (DATAVERSE_CLIENT_ID + DATAVERSE_CLIENT_SECRET + DATAVERSE_TENANT_ID) > device code for a person.
 * The deploy takes a TokenSource, so tests inject their own.
 */
import { ConfidentialClientApplication, PublicClientApplication } from "@azure/msal-node";

export type TokenSource = () => Promise<string>;

export interface TokenSourceChoice {
  readonly kind: "static" | "client-credentials" | "device-code";
  readonly source: TokenSource;
  /** Values that must never be printed (token, client secret). */
  readonly secrets: readonly string[];
}

/** Microsoft's public sample app registration for Dataverse, used for device code when none is given. */
export const DATAVERSE_SAMPLE_CLIENT_ID = "51f81489-12ee-4a9e-aaae-a2591f45987d";

export class AuthConfigError extends Error {}

export function chooseTokenSource(
  environmentUrl: string,
  env: NodeJS.ProcessEnv,
  showDeviceCode: (message: string) => void,
): TokenSourceChoice {
  const scopes = [`${environmentUrl}/.default`];
  const staticToken = env.DATAVERSE_ACCESS_TOKEN;
  if (staticToken) return { kind: "static", source: () => Promise.resolve(staticToken), secrets: [staticToken] };

  const clientId = env.DATAVERSE_CLIENT_ID;
  const clientSecret = env.DATAVERSE_CLIENT_SECRET;
  const tenantId = env.DATAVERSE_TENANT_ID;
  if (clientSecret) {
    if (!clientId || !tenantId) {
      throw new AuthConfigError("DATAVERSE_CLIENT_SECRET is set: DATAVERSE_CLIENT_ID and DATAVERSE_TENANT_ID are needed too");
    }
    const app = new ConfidentialClientApplication({
      auth: { clientId, clientSecret, authority: `https://login.microsoftonline.com/${tenantId}` },
    });
    return {
      kind: "client-credentials",
      secrets: [clientSecret],
      source: async () => {
        const result = await app.acquireTokenByClientCredential({ scopes });
        if (!result?.accessToken) throw new AuthConfigError("Microsoft Entra ID returned no access token for the client credentials");
        return result.accessToken;
      },
    };
  }

  const app = new PublicClientApplication({
    auth: {
      clientId: clientId || DATAVERSE_SAMPLE_CLIENT_ID,
      authority: `https://login.microsoftonline.com/${tenantId || "organizations"}`,
    },
  });
  let cached: Promise<string> | undefined;
  return {
    kind: "device-code",
    secrets: [],
    // One sign-in per run: later calls reuse the first token.
    source: () =>
      (cached ??= app.acquireTokenByDeviceCode({ scopes, deviceCodeCallback: (r) => showDeviceCode(r.message) }).then((result) => {
        if (!result?.accessToken) throw new AuthConfigError("device code sign-in returned no access token");
        return result.accessToken;
      })),
  };
}
