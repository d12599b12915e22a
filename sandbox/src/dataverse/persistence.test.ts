/** A file-backed stand-in: WAL journal, and a restart keeps the data (and seeds nothing twice). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDataverse } from "./server";
import { rows, startClient } from "./test/harness";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cb2b-dataverse-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("data survives a restart on the same file, in WAL mode", async () => {
  const file = join(dir, "dataverse.sqlite");
  const first = await startClient(file);
  expect(first.server.db.pragma("journal_mode", { simple: true })).toBe("wal");
  const accountId = await first.create("accounts", { name: "Persistent Oy" });
  expect((await first.patch(`accounts(${accountId})`, { accountnumber: "CUS-000042" })).status).toBe(204);
  const usersBefore = rows(await first.get("systemusers?$select=fullname")).length;
  const versionBefore = Number((await first.get(`accounts(${accountId})?$select=versionnumber`)).body.versionnumber);
  await first.server.close();

  const second = await startClient(file);
  try {
    expect((await second.get(`accounts(${accountId})?$select=name,accountnumber`)).body).toMatchObject({ name: "Persistent Oy", accountnumber: "CUS-000042" });
    expect(rows(await second.get("systemusers?$select=fullname"))).toHaveLength(usersBefore);
    // Row versions keep growing across restarts, so etags never repeat.
    const otherId = await second.create("accounts", { name: "After restart" });
    expect(Number((await second.get(`accounts(${otherId})?$select=versionnumber`)).body.versionnumber)).toBeGreaterThan(versionBefore);
  } finally {
    await second.server.close();
  }
});

test("a second sandbox on a busy port fails with a clear message and leaves the first one running", async () => {
  const first = await startClient(join(dir, "first.sqlite"));
  try {
    const port = Number(new URL(first.server.url).port);
    await expect(startDataverse({ dbFile: join(dir, "second.sqlite"), port })).rejects.toThrow(
      `Port ${port} on 127.0.0.1 is already in use (is another sandbox running?). Set PORT to use another port.`,
    );
    expect(rows(await first.get("systemusers?$select=fullname")).length).toBeGreaterThan(0);
  } finally {
    await first.server.close();
  }
});
