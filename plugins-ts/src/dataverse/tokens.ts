import { ConfidentialClientApplication } from "@azure/msal-node";

/** Gives a bearer token for the Dataverse Web API; called before every request (implementations cache). */
export type TokenProvider = () => Promise<string>;

/** A fixed token, for local use against a stand-in Dataverse (DATAVERSE_ACCESS_TOKEN). */
export function staticToken(token: string): TokenProvider {
  return () => Promise.resolve(token);
}

export interface ClientCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The environment URL; the token's scope is `<url>/.default`. */
  dataverseUrl: string;
}

/**
 * App-user tokens with the OAuth client credentials flow (@azure/msal-node). MSAL keeps the token in
 * its in-memory cache and fetches a new one shortly before it expires.
 */
export function clientCredentialsToken(credentials: ClientCredentials): TokenProvider {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      authority: `https://login.microsoftonline.com/${credentials.tenantId}`,
    },
  });
  const scope = `${new URL(credentials.dataverseUrl).origin}/.default`;
  return async () => {
    const result = await app.acquireTokenByClientCredential({ scopes: [scope] });
    if (!result?.accessToken) throw new Error("Microsoft Entra ID returned no access token for the Dataverse app user.");
    return result.accessToken;
  };
}
