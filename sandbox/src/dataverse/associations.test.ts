/**
 * Security roles through the Web API: roles and teams, the many-to-many relationships that grant roles
 * (`systemuserroles_association`, `teammembership_association`, `teamroles_association`) associated and
 * disassociated with `/$ref`, and FetchXML joining through their intersect tables.
 */
import { approverRoleFetchXml } from "../../../plugins-ts/src/handlers/approver";
import { ApproverRoleId } from "../../../core/src";
import { rows, startClient, type Client } from "./test/harness";
import { SalespersonRoleId } from "./security/roles";
import { SandboxUsers } from "./users";

let client: Client;
const rep = SandboxUsers.salesRep.id;

beforeEach(async () => {
  client = await startClient();
});
afterEach(async () => {
  await client.server.close();
});

const fetchRows = async (set: string, xml: string) => {
  const answer = await client.get(`${set}?fetchXml=${encodeURIComponent(xml)}`, { Prefer: 'odata.include-annotations="*"' });
  expect(answer.status).toBe(200);
  return rows(answer);
};
const holdsApproverRole = async (userId: string) => (await fetchRows("roles", approverRoleFetchXml(userId))).length > 0;

/** The shipped approver role (as an import leaves it: the root role, under its own id) and a team. */
async function seedRoleAndTeam(): Promise<{ teamId: string }> {
  await client.create("roles", { roleid: ApproverRoleId, name: "Commerce B2B approver" });
  await client.create("roles", { name: "Salesperson" });
  const teamId = await client.create("teams", { name: "Partner desk", teamtype: 0 });
  return { teamId };
}

test("a role created in the sandbox's one business unit is its own root role (parentrootroleid)", async () => {
  const roleId = await client.create("roles", { name: "Reviewer" });
  const role = (await client.get(`roles(${roleId})?$select=name,_parentrootroleid_value`)).body;
  expect(role).toMatchObject({ name: "Reviewer", _parentrootroleid_value: roleId });
});

test("a role is associated to a user with POST …/systemuserroles_association/$ref and read back three ways", async () => {
  await seedRoleAndTeam();
  expect(await holdsApproverRole(rep)).toBe(false);
  const answer = await client.post(`systemusers(${rep})/systemuserroles_association/$ref`, { "@odata.id": `${client.server.apiUrl}roles(${ApproverRoleId})` });
  expect(answer.status).toBe(204);
  expect(answer.text).toBe("");

  const user = (await client.get(`systemusers(${rep})?$select=fullname&$expand=systemuserroles_association($select=name)`)).body;
  // The rep's seeded Salesperson role, then the one just given.
  expect(user.systemuserroles_association).toEqual([
    expect.objectContaining({ roleid: SalespersonRoleId, name: "Salesperson" }),
    expect.objectContaining({ roleid: ApproverRoleId, name: "Commerce B2B approver" }),
  ]);
  const role = (await client.get(`roles(${ApproverRoleId})?$select=name&$expand=systemuserroles_association($select=fullname)`)).body;
  expect(role.systemuserroles_association).toEqual([expect.objectContaining({ systemuserid: rep, fullname: SandboxUsers.salesRep.fullname })]);
  expect(rows(await client.get(`systemuserrolescollection?$select=systemuserid,roleid&$filter=systemuserid eq ${rep} and roleid eq ${ApproverRoleId}`))).toEqual([
    expect.objectContaining({ systemuserid: rep, roleid: ApproverRoleId, systemuserroleid: expect.stringMatching(/^[0-9a-f-]{36}$/) }),
  ]);
  expect(await holdsApproverRole(rep)).toBe(true);
  expect(await holdsApproverRole(SandboxUsers.dualWrite.id)).toBe(false);
});

test("the same pair twice is refused; DELETE …/$ref?$id= removes it", async () => {
  await seedRoleAndTeam();
  const ref = { "@odata.id": `roles(${ApproverRoleId})` };
  expect((await client.post(`systemusers(${rep})/systemuserroles_association/$ref`, ref)).status).toBe(204);
  const again = await client.post(`systemusers(${rep})/systemuserroles_association/$ref`, ref);
  expect(again.status).toBe(400);
  expect(again.body.error).toEqual({ code: "0x80040237", message: "Cannot insert duplicate key." });
  const removed = await client.request("DELETE", `systemusers(${rep})/systemuserroles_association/$ref?$id=${client.server.apiUrl}roles(${ApproverRoleId})`);
  expect(removed.status).toBe(204);
  expect(rows(await client.get(`systemuserrolescollection?$filter=roleid eq ${ApproverRoleId}`))).toEqual([]);
  expect(await holdsApproverRole(rep)).toBe(false);
});

test("a role held through a team: teamroles_association and teammembership_association, from either side", async () => {
  const { teamId } = await seedRoleAndTeam();
  expect((await client.post(`teams(${teamId})/teamroles_association/$ref`, { "@odata.id": `${client.server.apiUrl}roles(${ApproverRoleId})` })).status).toBe(204);
  expect(await holdsApproverRole(rep)).toBe(false);
  // Membership from the user's side of the relationship.
  expect((await client.post(`systemusers(${rep})/teammembership_association/$ref`, { "@odata.id": `${client.server.apiUrl}teams(${teamId})` })).status).toBe(204);
  expect(await holdsApproverRole(rep)).toBe(true);

  // Microsoft's own example: users and their teams through the teammembership intersect table.
  const teams = await fetchRows(
    "systemusers",
    `<fetch><entity name="systemuser"><attribute name="fullname"/><filter><condition attribute="systemuserid" operator="eq" value="${rep}"/></filter>` +
      `<link-entity name="teammembership" from="systemuserid" to="systemuserid" intersect="true">` +
      `<link-entity name="team" from="teamid" to="teamid" link-type="inner" alias="team"><attribute name="name"/></link-entity>` +
      `</link-entity></entity></fetch>`,
  );
  expect(teams).toEqual([expect.objectContaining({ fullname: SandboxUsers.salesRep.fullname, "team.name": "Partner desk" })]);

  // Leaving the team (DELETE by key, from the team's side) takes the role away.
  expect((await client.request("DELETE", `teams(${teamId})/teammembership_association(${rep})/$ref`)).status).toBe(204);
  expect(await holdsApproverRole(rep)).toBe(false);
});

test("deleting a team ends its memberships and role assignments", async () => {
  const { teamId } = await seedRoleAndTeam();
  await client.post(`teams(${teamId})/teamroles_association/$ref`, { "@odata.id": `roles(${ApproverRoleId})` });
  await client.post(`teams(${teamId})/teammembership_association/$ref`, { "@odata.id": `systemusers(${rep})` });
  expect((await client.request("DELETE", `teams(${teamId})`)).status).toBe(204);
  expect(rows(await client.get("teammemberships"))).toEqual([]);
  expect(rows(await client.get("teamrolescollection"))).toEqual([]);
  expect(await holdsApproverRole(rep)).toBe(false);
});

test("refusals: a sales rep granting roles, a wrong or missing record, writing an intersect table directly", async () => {
  const { teamId } = await seedRoleAndTeam();
  const byRep = await client.request("POST", `systemusers(${rep})/systemuserroles_association/$ref`, {
    body: { "@odata.id": `roles(${ApproverRoleId})` },
    token: SandboxUsers.salesRep.token,
  });
  expect(byRep.status).toBe(403);
  expect(byRep.body.error).toMatchObject({ code: "0x80040220" });
  expect(rows(await client.get(`systemuserrolescollection?$filter=roleid eq ${ApproverRoleId}`))).toEqual([]);

  const wrongTable = await client.post(`systemusers(${rep})/systemuserroles_association/$ref`, { "@odata.id": `teams(${teamId})` });
  expect(wrongTable.status).toBe(400);
  const missing = await client.post(`systemusers(${rep})/systemuserroles_association/$ref`, { "@odata.id": "roles(00000000-0000-4000-8000-00000000dead)" });
  expect(missing.status).toBe(404);
  expect(missing.body.error).toMatchObject({ code: "0x80040217" });

  const direct = await client.post("systemuserrolescollection", { systemuserid: rep, roleid: ApproverRoleId });
  expect(direct.status).toBe(501);
  expect(String((direct.body.error as { message: string }).message)).toMatch(/writing systemuserrolescollection directly/);
  expect((await client.get(`systemusers(${rep})/systemuserroles_association`)).status).toBe(501);
});
