/**
 * A small Dataverse Web API client: JSON over HTTP with a bearer token, exactly what dual-write's
 * runtime sends. Errors keep Dataverse's `{"error":{"code","message"}}` body.
 */
export type WebApiRecord = Record<string, unknown>;

export class WebApiError extends Error {
  override name = "WebApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly request: string,
  ) {
    super(message);
  }
}

export interface WebApiClientOptions {
  /** e.g. `http://127.0.0.1:5555/api/data/v9.2/` */
  apiUrl: string;
  accessToken: string;
}

export class WebApiClient {
  private readonly base: string;

  constructor(private readonly options: WebApiClientOptions) {
    this.base = options.apiUrl.endsWith("/") ? options.apiUrl : `${options.apiUrl}/`;
  }

  private async send(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Response> {
    const url = path.startsWith("http") ? path : `${this.base}${path}`;
    const response = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${this.options.accessToken}`,
        Accept: "application/json",
        "OData-MaxVersion": "4.0",
        "OData-Version": "4.0",
        ...(body === undefined ? {} : { "Content-Type": "application/json; charset=utf-8" }),
        ...extraHeaders,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      const text = await response.text();
      let code = "";
      let message = text || response.statusText;
      try {
        const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
        code = parsed.error?.code ?? "";
        message = parsed.error?.message ?? message;
      } catch {
        // Not JSON: keep the raw text as the message.
      }
      throw new WebApiError(response.status, code, message, `${method} ${path}`);
    }
    return response;
  }

  /** GET a collection, following `@odata.nextLink` pages. */
  async list(pathAndQuery: string): Promise<WebApiRecord[]> {
    const records: WebApiRecord[] = [];
    let next: string | undefined = pathAndQuery;
    while (next) {
      const response = await this.send("GET", next, undefined, { Prefer: "odata.maxpagesize=500" });
      const page = (await response.json()) as { value: WebApiRecord[]; "@odata.nextLink"?: string };
      records.push(...page.value);
      next = page["@odata.nextLink"];
    }
    return records;
  }

  async get(pathAndQuery: string): Promise<WebApiRecord> {
    return (await (await this.send("GET", pathAndQuery)).json()) as WebApiRecord;
  }

  async create(entitySet: string, body: WebApiRecord): Promise<WebApiRecord> {
    const response = await this.send("POST", entitySet, body, { Prefer: "return=representation" });
    return (await response.json()) as WebApiRecord;
  }

  async update(entitySet: string, id: string, body: WebApiRecord): Promise<WebApiRecord> {
    const response = await this.send("PATCH", `${entitySet}(${id})`, body, { Prefer: "return=representation", "If-Match": "*" });
    return (await response.json()) as WebApiRecord;
  }

  async delete(entitySet: string, id: string): Promise<void> {
    await this.send("DELETE", `${entitySet}(${id})`);
  }

  /** Calls an unbound action or function import and returns its JSON body (or null for 204). */
  async action(name: string, body: WebApiRecord): Promise<WebApiRecord | null> {
    const response = await this.send("POST", name, body);
    return response.status === 204 ? null : ((await response.json()) as WebApiRecord);
  }
}

/** An OData string literal: single quotes doubled, as the URL conventions require. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `entitySet?$select=…&$filter=…` with each option value percent-encoded. */
export function query(entitySet: string, options: Record<string, string | number | undefined>): string {
  const parts = Object.entries(options)
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`);
  return parts.length > 0 ? `${entitySet}?${parts.join("&")}` : entitySet;
}
