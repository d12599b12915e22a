/**
 * Bad input to the Web API gets a 4xx in Dataverse's error shape, never a 500 or a reset, and the
 * server keeps answering: malformed request targets and percent-encoding, over-size bodies, deep JSON,
 * deep or over-long $filter and FetchXML, forged paging cookies.
 */
import { rawRequest } from "../../test/sandboxProcess";
import { rows, startClient, type Client } from "./test/harness";

let client: Client;
let port: number;
beforeEach(async () => {
  client = await startClient();
  port = Number(new URL(client.server.url).port);
});
afterEach(() => client.server.close());

const stillAnswers = async () => expect((await client.get("WhoAmI")).status).toBe(200);
/** The JSON error in a raw answer (the body may come chunked). */
const errorOf = (text: string) => JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as { error: { code: string; message: string } };

/** A GET sent inside a $batch, where a URL may be far longer than a request line may. */
async function batchGet(path: string): Promise<{ status: number; error: { code: string; message: string } }> {
  const body = `--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET ${client.server.apiUrl}${path} HTTP/1.1\r\nAccept: application/json\r\n\r\n--b--\r\n`;
  const answer = await client.request("POST", "$batch", { body, headers: { "Content-Type": "multipart/mixed; boundary=b" } });
  // A batch refused as a whole answers JSON; a failing part answers in the multipart body (with the part's status).
  if (!(answer.headers.get("content-type") ?? "").startsWith("multipart/mixed")) {
    return { status: answer.status, error: (answer.body as { error: { code: string; message: string } }).error };
  }
  const part = /HTTP\/1\.1 (\d{3})[^]*?\r\n\r\n(\{[^]*\})\r\n--batchresponse/.exec(answer.text);
  if (!part) throw new Error(`no answer part in ${answer.text.slice(0, 300)}`);
  return { status: Number(part[1]), error: (JSON.parse(part[2]) as { error: { code: string; message: string } }).error };
}

test("POST //:99999 is a path nothing serves: 404 in Dataverse's shape, and the server goes on", async () => {
  const answer = await rawRequest(port, "POST //:99999 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 404 Not Found");
  expect(errorOf(answer).error.code).toBe("0x8006088a");
  await stillAnswers();
});

test.each([
  // Refused by Node's HTTP parser before any handler runs, and still answered in the Web API's shape.
  ["GET :99999 HTTP/1.1", "GET :99999 HTTP/1.1", "is not valid HTTP (HPE_INVALID_URL)"],
  ["a raw NUL in the target", "GET /\u0000 HTTP/1.1", "is not valid HTTP"],
  ["no request line at all", "NOT-A-REQUEST-LINE", "is not valid HTTP"],
  ["OPTIONS * HTTP/1.1", "OPTIONS * HTTP/1.1", "is neither a path nor an http(s) URL"],
  ["GET http://[::1 HTTP/1.1", "GET http://[::1 HTTP/1.1", "is neither a path nor an http(s) URL"],
  ["bad percent-encoding in the path", "GET /api/data/v9.2/leads%E0%A4%A HTTP/1.1", "malformed percent-encoding"],
])("%s is a 400 naming the problem", async (_, line, problem) => {
  const answer = await rawRequest(port, `${line}\r\nHost: x\r\nAuthorization: Bearer admin\r\nConnection: close\r\n\r\n`);
  expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
  expect(errorOf(answer).error).toEqual({ code: "0x80060888", message: expect.stringContaining(problem) });
  await stillAnswers();
});

test("malformed percent-encoding in a $batch part's URL is a 400, not a 500", async () => {
  expect(await batchGet("leads%E0%A4%A")).toEqual({ status: 400, error: { code: "0x80060888", message: expect.stringContaining("malformed percent-encoding") } });
});

test("an over-size body is a 413 the client reads, declared or chunked; nothing is written", async () => {
  const declared = await fetch(`${client.server.apiUrl}accounts`, {
    method: "POST",
    headers: { Authorization: "Bearer admin", "Content-Type": "application/json" },
    body: `{"name":"${"x".repeat(65 * 1024 * 1024)}"}`,
  });
  expect(declared.status).toBe(413);
  expect(await declared.json()).toEqual({ error: { code: expect.stringMatching(/^0x/), message: "The request body is larger than 67108864 bytes." } });
  const chunk = new Uint8Array(1024 * 1024).fill(120);
  let sent = 0;
  const chunked = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 70) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const streamed = await fetch(`${client.server.apiUrl}accounts`, {
    method: "POST",
    headers: { Authorization: "Bearer admin", "Content-Type": "application/json" },
    body: chunked,
    duplex: "half",
  } as RequestInit);
  expect(streamed.status).toBe(413);
  expect(rows(await client.get("accounts?$select=name"))).toEqual([]);
  await stillAnswers();
});

test("deeply nested JSON is a payload error (0x80048d19), also when double-encoded", async () => {
  const deep = `{"name":"Deep Oy","description":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
  const answer = await client.post("accounts", deep);
  expect(answer.status).toBe(400);
  expect(answer.body.error).toEqual({ code: "0x80048d19", message: expect.stringContaining("exceeds the limit of 64") });
  const twice = await client.post("accounts", JSON.stringify(deep));
  expect(twice.status).toBe(400);
  expect((twice.body.error as { code: string }).code).toBe("0x80048d19");
  // Ordinary nesting (a deep insert, an action's parameters) is far below the limit.
  expect((await client.post("accounts", { name: "Shallow Oy", "primarycontactid": { firstname: "Aino", lastname: "Virtanen" } })).status).not.toBe(400);
  await stillAnswers();
});

test("a $filter nested or chained past the limits is a 400, not a stack overflow or an SQL error", async () => {
  const filter = (expression: string) => `leads?$filter=${encodeURIComponent(expression)}`;
  const parens = await batchGet(filter(`${"(".repeat(50_000)}subject eq 'a'${")".repeat(50_000)}`));
  expect(parens).toEqual({ status: 400, error: { code: "0x80060888", message: "The $filter expression is nested more than 100 levels deep (parentheses and 'not')." } });
  const nots = await batchGet(filter(`${"not ".repeat(5000)}subject eq 'a'`));
  expect(nots.status).toBe(400);
  const chain = await batchGet(filter(Array.from({ length: 5000 }, (_, i) => `subject eq '${i}'`).join(" or ")));
  expect(chain).toEqual({ status: 400, error: { code: "0x80060888", message: "The $filter expression has more than 500 conditions." } });
  expect((await client.get(filter(`${"(".repeat(20)}subject eq 'a'${")".repeat(20)}`))).status).toBe(200);
});

test("FetchXML with an over-long 'in' list, deep filters or more than 15 link-entities is a 400", async () => {
  const fetchXml = (inner: string) => `leads?fetchXml=${encodeURIComponent(`<fetch><entity name="lead"><attribute name="subject"/>${inner}</entity></fetch>`)}`;
  const values = Array.from({ length: 40_000 }, (_, i) => `<value>${i}</value>`).join("");
  expect(await batchGet(fetchXml(`<filter><condition attribute="subject" operator="in">${values}</condition></filter>`))).toEqual({
    status: 400,
    error: { code: "0x80040203", message: expect.stringContaining("more than 2000 values") },
  });
  expect(await batchGet(fetchXml(`${"<filter>".repeat(5000)}<condition attribute="subject" operator="eq" value="a"/>${"</filter>".repeat(5000)}`))).toEqual({
    status: 400,
    error: { code: "0x80040203", message: "The FetchXML nests filters more than 32 levels deep." },
  });
  const links = (n: number): string =>
    n === 0 ? "" : `<link-entity name="systemuser" from="systemuserid" to="${n === 16 ? "ownerid" : "modifiedby"}" link-type="outer">${links(n - 1)}</link-entity>`;
  expect(await batchGet(fetchXml(links(16)))).toEqual({ status: 400, error: { code: "0x8004430D", message: "Number of link entities in query exceeded maximum limit." } });
  // Within the limits the same shapes run.
  const fewValues = Array.from({ length: 100 }, (_, i) => `<value>${i}</value>`).join("");
  expect((await client.get(fetchXml(`<filter><condition attribute="subject" operator="in">${fewValues}</condition></filter>`))).status).toBe(200);
});

test("a paging cookie with a page number this service never issued is a 400", async () => {
  for (const token of ["9".repeat(400), '<cookie pagenumber="99999999999999" />', '<cookie pagenumber="0" />']) {
    const answer = await client.get(`leads?$skiptoken=${encodeURIComponent(token)}`);
    expect(answer.status).toBe(400);
    expect((answer.body.error as { code: string }).code).toBe("0x80060888");
  }
  expect((await client.get(`leads?$skiptoken=${encodeURIComponent('<cookie pagenumber="2" istracking="False" />')}`)).status).toBe(200);
});
