import { setEnvironmentVariables } from "./environmentVariables";
import type { WebApi } from "./webApi";

const DEF_ID = "0a0a0a0a-0000-4000-8000-000000000001";

/** Records every request; answers the two lookups from an in-memory value table. */
function fakeApi(existingValue?: string) {
  const calls: { method: string; path: string; body?: unknown; headers?: Record<string, string> }[] = [];
  const api: WebApi = {
    environmentUrl: "https://x",
    request: <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
      calls.push({ method, path, body, headers });
      if (path.startsWith("environmentvariabledefinitions?")) {
        const known = path.includes("eq 'cb2b_WebhookBaseUrl'");
        return Promise.resolve({ value: known ? [{ environmentvariabledefinitionid: DEF_ID, schemaname: "cb2b_WebhookBaseUrl" }] : [] } as T);
      }
      if (path.startsWith("environmentvariablevalues?")) {
        return Promise.resolve({ value: existingValue === undefined ? [] : [{ environmentvariablevalueid: "v1", value: existingValue }] } as T);
      }
      return Promise.resolve(undefined as T);
    },
  };
  return { api, writes: () => calls.filter((c) => c.method !== "GET") };
}

const setting = [{ schemaName: "cb2b_WebhookBaseUrl", value: "https://fn.example.net" }];

describe("setEnvironmentVariables", () => {
  it("creates a value bound to its definition", async () => {
    const f = fakeApi();
    await expect(setEnvironmentVariables(f.api, setting, false)).resolves.toEqual([{ schemaName: "cb2b_WebhookBaseUrl", action: "create" }]);
    expect(f.writes()).toEqual([
      {
        method: "POST",
        path: "environmentvariablevalues",
        body: {
          schemaname: "cb2b_WebhookBaseUrl",
          value: "https://fn.example.net",
          "EnvironmentVariableDefinitionId@odata.bind": `/environmentvariabledefinitions(${DEF_ID})`,
        },
        headers: undefined,
      },
    ]);
  });

  it("updates an existing value in place and leaves an equal one alone", async () => {
    const changed = fakeApi("https://old.example.net");
    await expect(setEnvironmentVariables(changed.api, setting, false)).resolves.toEqual([{ schemaName: "cb2b_WebhookBaseUrl", action: "update" }]);
    expect(changed.writes()).toEqual([
      { method: "PATCH", path: "environmentvariablevalues(v1)", body: { value: "https://fn.example.net" }, headers: { "if-match": "*" } },
    ]);
    const same = fakeApi("https://fn.example.net");
    await expect(setEnvironmentVariables(same.api, setting, false)).resolves.toEqual([{ schemaName: "cb2b_WebhookBaseUrl", action: "unchanged" }]);
    expect(same.writes()).toEqual([]);
  });

  it("writes nothing in a dry run but reports the plan", async () => {
    const f = fakeApi("https://old.example.net");
    await expect(setEnvironmentVariables(f.api, setting, true)).resolves.toEqual([{ schemaName: "cb2b_WebhookBaseUrl", action: "update" }]);
    expect(f.writes()).toEqual([]);
  });

  it("names an unknown schema name and quotes it safely", async () => {
    const f = fakeApi();
    await expect(setEnvironmentVariables(f.api, [{ schemaName: "cb2b_O'Brien", value: "1" }], false)).rejects.toThrow(
      /environment variable cb2b_O'Brien is not defined/,
    );
  });
});
