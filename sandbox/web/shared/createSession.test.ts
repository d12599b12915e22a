import { SandboxUsers } from "../../src/dataverse/users";
import { createSession, storeLanguage, storeUser, syncUserLanguage, SessionStorageKeys } from "./createSession";
import { createFetchApi } from "./fetchApi";

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value), values };
}

describe("createSession", () => {
  it("signs in as the sales rep in English by default, against the page's origin", () => {
    const session = createSession({ storage: memoryStorage(), origin: "http://127.0.0.1:5555" });
    expect(session.user).toEqual({ id: SandboxUsers.salesRep.id, token: "salesrep", fullname: "Sanna Myyjä" });
    expect(session.languageId).toBe(1033);
    expect(session.clientUrl).toBe("http://127.0.0.1:5555");
    expect(session.apiUrl).toBe("http://127.0.0.1:5555/api/data/v9.2/");
  });

  it("keeps the chosen user and language in storage; anything unknown falls back to the defaults", () => {
    const storage = memoryStorage();
    storeUser(storage, "admin");
    storeLanguage(storage, 1035);
    expect(storage.values.get(SessionStorageKeys.user)).toBe("admin");
    const session = createSession({ storage, origin: "http://127.0.0.1:5555" });
    expect(session.user.token).toBe("admin");
    expect(session.languageId).toBe(1035);
    const odd = createSession({ storage: memoryStorage({ [SessionStorageKeys.user]: "dualwrite", [SessionStorageKeys.language]: "1036" }), origin: "http://x" });
    expect([odd.user.token, odd.languageId]).toEqual(["salesrep", 1033]);
  });
});

describe("fetchApi", () => {
  function recorder() {
    const calls: { url: string; headers: Headers; init: RequestInit }[] = [];
    const fetchImpl = ((url: string, init: RequestInit) => {
      calls.push({ url, headers: new Headers(init.headers), init });
      return Promise.resolve(new Response("{}", { status: 200 }));
    }) as unknown as typeof fetch;
    return { calls, fetchImpl };
  }

  it("adds the bearer token and the OData headers, with every annotation", async () => {
    const { calls, fetchImpl } = recorder();
    await createFetchApi("http://h/api/data/v9.2/", "salesrep", fetchImpl)("leads?$top=1");
    expect(calls[0].url).toBe("http://h/api/data/v9.2/leads?$top=1");
    expect(Object.fromEntries(calls[0].headers)).toEqual({
      authorization: "Bearer salesrep",
      accept: "application/json",
      "odata-version": "4.0",
      "odata-maxversion": "4.0",
      prefer: 'odata.include-annotations="*"',
    });
  });

  it("keeps the caller's Prefer next to the annotations and marks JSON bodies", async () => {
    const { calls, fetchImpl } = recorder();
    const fetchApi = createFetchApi("http://h/api/data/v9.2/", "admin", fetchImpl);
    await fetchApi("leads", { method: "POST", body: "{}", headers: { Prefer: "return=representation" } });
    expect(calls[0].headers.get("prefer")).toBe('odata.include-annotations="*",return=representation');
    expect(calls[0].headers.get("content-type")).toBe("application/json; charset=utf-8");
    await fetchApi("/leads", { headers: { Prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"' } });
    expect(calls[1].url).toBe("http://h/api/data/v9.2/leads");
    expect(calls[1].headers.get("prefer")).toBe('odata.include-annotations="OData.Community.Display.V1.FormattedValue"');
  });
});

describe("syncUserLanguage", () => {
  it("writes the page language into the user's personal options only when they differ", async () => {
    const calls: string[] = [];
    let stored = 1033;
    const fetchApi = async (path: string, init: RequestInit = {}) => {
      calls.push(`${init.method ?? "GET"} ${path}`);
      if (init.method === "PATCH") {
        stored = (JSON.parse(String(init.body)) as { uilanguageid: number }).uilanguageid;
        return new Response(null, { status: 204 });
      }
      return new Response(JSON.stringify({ uilanguageid: stored }), { status: 200 });
    };
    const session = { ...createSession({ storage: memoryStorage({ [SessionStorageKeys.language]: "1035" }), origin: "http://x" }), fetchApi };
    await syncUserLanguage(session);
    await syncUserLanguage(session);
    expect(stored).toBe(1035);
    expect(calls).toEqual([
      `GET usersettingscollection(${SandboxUsers.salesRep.id})?$select=uilanguageid`,
      `PATCH usersettingscollection(${SandboxUsers.salesRep.id})`,
      `GET usersettingscollection(${SandboxUsers.salesRep.id})?$select=uilanguageid`,
    ]);
  });
});
