/**
 * The webhook's own Web API client (plugins-ts) writes a hand-off as one `$batch` change set of PATCHes
 * guarded by etags. Against the stand-in's batch (a failed change set answers with its failing part's status
 * and a change set response holding only that part), it must still see a concurrent change as such and
 * leave nothing half-written.
 */
import { isConcurrentChange } from "../../../../plugins-ts/src/dataverse/errors";
import { staticToken } from "../../../../plugins-ts/src/dataverse/tokens";
import { WebApiClient } from "../../../../plugins-ts/src/dataverse/webApiClient";
import { startDataverse, type DataverseServer } from "../server";
import { SandboxUsers } from "../users";

const LEAD = "1c0e2f7a-8d5b-4e61-9f3a-2b7c4d5e6f01";
const NOTE = "0d2b2fcf-af4b-4058-87d4-457584aed450";

let server: DataverseServer;
beforeEach(async () => {
  server = await startDataverse({ dbFile: ":memory:", port: 0 });
});
afterEach(() => server.close());

test("plugins-ts change sets: written together, refused together on a stale etag or an existing row to create", async () => {
  const dv = new WebApiClient({ url: server.url, token: staticToken(SandboxUsers.admin.token) }).forDelivery(Date.now() + 60_000);
  await dv.upsert("leads", LEAD, { lastname: "Virtanen", companyname: "Fabrikam Oy" });
  const etag = String((await dv.retrieve("leads", LEAD, ["companyname"]))?.["@odata.etag"]);

  await dv.executeChangeSet([
    { kind: "create", entitySet: "annotations", id: NOTE, data: { subject: "first", "objectid_lead@odata.bind": `/leads(${LEAD})` } },
    { kind: "update", entitySet: "leads", id: LEAD, data: { companyname: "Handed off Oy" }, etag },
  ]);
  expect((await dv.retrieve("leads", LEAD, ["companyname"]))?.companyname).toBe("Handed off Oy");

  const stale = await dv
    .executeChangeSet([
      { kind: "update", entitySet: "annotations", id: NOTE, data: { subject: "second" } },
      { kind: "update", entitySet: "leads", id: LEAD, data: { companyname: "Lost update Oy" }, etag },
    ])
    .catch((error: unknown) => error);
  expect(isConcurrentChange(stale)).toBe(true);
  expect((stale as Error).message).toContain("The version of the existing record doesn't match the RowVersion property provided.");

  const exists = await dv
    .executeChangeSet([
      { kind: "create", entitySet: "annotations", id: NOTE, data: { subject: "third" } },
      { kind: "update", entitySet: "leads", id: LEAD, data: { companyname: "Not written Oy" } },
    ])
    .catch((error: unknown) => error);
  expect(isConcurrentChange(exists)).toBe(true);

  expect((await dv.retrieve("annotations", NOTE, ["subject"]))?.subject).toBe("first");
  expect((await dv.retrieve("leads", LEAD, ["companyname"]))?.companyname).toBe("Handed off Oy");
});
