/**
 * A stand-in in memory, driven by an independent client: dataverse-ify's Node request implementation
 * (node-fetch underneath) and its `sendWebApiRequest`, unchanged. `send` answers whatever the status (a 304
 * or a 412 is what a conformance case looks at); `call` is the library's own call, which throws the Web
 * API's `error` object on a failure, as its users see it.
 */
import { NodeWebApiRequest } from "dataverse-ify/lib/webapi/node/NodeWebApiRequest";
import { sendWebApiRequest, type WebApiResponse } from "dataverse-ify/lib/webapi/WebApiRequest";
import type { WebApiRequestDefinition } from "dataverse-ify/lib/types/WebApiRequest";
import { startDataverse, type DataverseServer, type DataverseServerOptions } from "../../src/dataverse/server";
import { SandboxUsers } from "../../src/dataverse/users";

export interface ConformanceSandbox {
  server: DataverseServer;
  /** dataverse-ify's own call: resolves on 2xx, throws `{ code, message }` otherwise. */
  call(request: WebApiRequestDefinition): Promise<WebApiResponse>;
  /** One request through dataverse-ify's transport, answered whatever its status. */
  send(method: WebApiRequestDefinition["action"], path: string, headers?: Record<string, string>, body?: unknown): Promise<WebApiResponse>;
  /** Creates a record through dataverse-ify and returns its id (from `OData-EntityId`). */
  create(entitySet: string, data: Record<string, unknown>): Promise<string>;
}

/** The headers every Web API request should carry ("Compose HTTP requests and handle errors", HTTP headers). */
const STANDARD_HEADERS = { Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0", "If-None-Match": "null" };

export async function startConformanceSandbox(
  token = SandboxUsers.admin.token,
  options: Partial<DataverseServerOptions> = {},
): Promise<ConformanceSandbox> {
  const server = await startDataverse({ ...options, dbFile: ":memory:", port: 0 });
  const transport = new NodeWebApiRequest(server.url, "9.2", token);
  const call = (request: WebApiRequestDefinition) => sendWebApiRequest(request, transport);
  return {
    server,
    call,
    send: (method, path, headers = {}, body) =>
      transport.send(method, `/${path}`, { ...STANDARD_HEADERS, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers }, body),
    create: async (entitySet, data) => {
      const response = await call({ action: "POST", path: entitySet, data });
      const id = /\(([0-9a-f-]{36})\)$/.exec(response.headers["odata-entityid"] ?? "")?.[1];
      if (!id) throw new Error(`create ${entitySet}: no OData-EntityId in ${JSON.stringify(response.headers)}`);
      return id;
    },
  };
}
