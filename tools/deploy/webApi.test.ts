import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DeployError, createWebApi, missingPrivilege } from "./webApi";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function stub(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

describe("createWebApi", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = undefined;
  });

  it("sends the bearer token and OData headers and returns JSON", async () => {
    let seen: IncomingMessage | undefined;
    const s = await stub((req, res) => {
      seen = req;
      json(res, 200, { UserId: "u1" });
    });
    server = s.server;
    const api = createWebApi(s.url, () => Promise.resolve("tok"));
    await expect(api.request("GET", "WhoAmI")).resolves.toEqual({ UserId: "u1" });
    expect(seen?.url).toBe("/api/data/v9.2/WhoAmI");
    expect(seen?.headers.authorization).toBe("Bearer tok");
    expect(seen?.headers["odata-version"]).toBe("4.0");
  });

  it("explains a 401", async () => {
    const s = await stub((_req, res) => json(res, 401, {}));
    server = s.server;
    await expect(createWebApi(s.url, () => Promise.resolve("t")).request("GET", "WhoAmI")).rejects.toThrow(/token was not accepted.*application user/);
  });

  it("names the missing privilege from a 403 body", async () => {
    const message =
      "Principal user (Id=1, type=8, roleCount=1) is missing prvWriteServiceEndpoint privilege (Id=2) on OTC=4618 for entity 'serviceendpoint'.";
    const s = await stub((_req, res) => json(res, 403, { error: { code: "0x80040220", message } }));
    server = s.server;
    const err = await createWebApi(s.url, () => Promise.resolve("t"))
      .request("PATCH", "serviceendpoints(1)", {})
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployError);
    expect((err as Error).message).toMatch(/the prvWriteServiceEndpoint privilege is missing/);
    expect((err as Error).message).toMatch(/System Customizer/);
  });

  it("says a web site that is not Dataverse is a wrong URL", async () => {
    const s = await stub((_req, res) => {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<html>not found</html>");
    });
    server = s.server;
    await expect(createWebApi(s.url, () => Promise.resolve("t")).request("GET", "WhoAmI")).rejects.toThrow(/not a Dataverse environment URL/);
  });

  it("says an unreachable host is a wrong URL", async () => {
    const s = await stub((_req, res) => json(res, 200, {}));
    const { url } = s;
    await new Promise((r) => s.server.close(r));
    await expect(createWebApi(url, () => Promise.resolve("t")).request("GET", "WhoAmI")).rejects.toThrow(/cannot reach .*check --url/);
  });
});

describe("missingPrivilege", () => {
  it("finds the privilege name or nothing", () => {
    expect(missingPrivilege("is missing prvReadSolution privilege")).toBe("prvReadSolution");
    expect(missingPrivilege("no privilege here")).toBeUndefined();
  });
});
