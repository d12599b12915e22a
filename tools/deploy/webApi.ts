/**
 * A minimal Dataverse Web API client for the deploy: JSON in and out, and failures turned into messages
 * that say what to do (wrong URL, rejected token, missing privilege). Responses and errors pass through
 * the caller's log only after redaction, so this file never prints.
 */
import type { TokenSource } from "./auth";

export class DeployError extends Error {}

export interface WebApi {
  readonly environmentUrl: string;
  request<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

interface DataverseErrorBody {
  error?: { code?: string; message?: string };
}

/** Dataverse names the privilege in the message: "... is missing prvWriteServiceEndpoint privilege ...". */
export function missingPrivilege(message: string): string | undefined {
  return /\b(prv[A-Za-z]+)\b/.exec(message)?.[1];
}

function describeFailure(environmentUrl: string, method: string, path: string, status: number, body: DataverseErrorBody): string {
  const code = body.error?.code;
  const message = body.error?.message ?? "";
  if (status === 401) {
    return `401 from ${environmentUrl}: the token was not accepted. Check that the app registration or user belongs to this environment's tenant and that the scope is ${environmentUrl}/.default (for an app: create an application user in the environment).`;
  }
  if (status === 403) {
    const privilege = missingPrivilege(message);
    const what = privilege ? `the ${privilege} privilege is missing` : "a privilege is missing";
    return `403 on ${method} ${path}: ${what}. Give the deploying user/application user the System Customizer or System Administrator security role.${message ? ` Dataverse said: ${message}` : ""}`;
  }
  return `${status} on ${method} ${path}${code ? ` (${code})` : ""}: ${message || "no error message"}`;
}

export function createWebApi(environmentUrl: string, token: TokenSource, fetchImpl: typeof fetch = fetch): WebApi {
  const apiUrl = `${environmentUrl}/api/data/v9.2/`;
  return {
    environmentUrl,
    async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
      let res: Response;
      try {
        res = await fetchImpl(apiUrl + path, {
          method,
          headers: {
            authorization: `Bearer ${await token()}`,
            accept: "application/json",
            "odata-version": "4.0",
            "odata-maxversion": "4.0",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (e) {
        const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
        throw new DeployError(`cannot reach ${environmentUrl} (${cause}): check --url, e.g. https://contoso.crm4.dynamics.com`);
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (!res.ok) {
        if (res.status === 404 && path === "WhoAmI") {
          throw new DeployError(`${environmentUrl} answered 404 for the Web API: it is not a Dataverse environment URL (check --url)`);
        }
        throw new DeployError(describeFailure(environmentUrl, method, path, res.status, (json ?? {}) as DataverseErrorBody));
      }
      if (json === undefined && text && path === "WhoAmI") {
        throw new DeployError(`${environmentUrl} did not answer with JSON: it is not a Dataverse environment URL (check --url)`);
      }
      return json as T;
    },
  };
}
