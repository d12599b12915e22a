/**
 * The security role the solution ships, as the server identifies it: core's ApproverRoleId must be the
 * id in the Roles XML, since the webhook matches every business unit's copy of the role on
 * `parentrootroleid` = that id.
 */
import { ApproverRoleId, ApproverRoleName } from "../../core/src";
import { normalizeId, readSource, solutionManifest } from "./helpers/source";
import { childElements, firstChild } from "../../tools/build/xml";

describe("Commerce B2B approver role", () => {
  const role = readSource(`Roles/${ApproverRoleName}.xml`).documentElement!;

  it("has the id core gives the server (ApproverRoleId)", () => {
    expect(role.getAttribute("name")).toBe(ApproverRoleName);
    expect(normalizeId(role.getAttribute("id") ?? "")).toBe(ApproverRoleId);
  });

  it("is declared as a root component (type 20) under that id", () => {
    const roots = childElements(firstChild(solutionManifest(), "RootComponents")!, "RootComponent");
    const roles = roots.filter((rc) => rc.getAttribute("type") === "20").map((rc) => normalizeId(rc.getAttribute("id") ?? ""));
    expect(roles).toEqual([ApproverRoleId]);
  });
});
