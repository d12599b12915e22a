/**
 * The security roles a fresh sandbox has, and who holds them: System Administrator (the admin),
 * Salesperson (the sales rep) and Dual-write app user (dual-write's application user). Their privileges
 * are stored as an imported role stores them (`privilegesxml`: `<RolePrivileges><RolePrivilege name level/>`),
 * so a seeded role and our imported *Commerce B2B approver* are read the same way.
 *
 * Levels follow Microsoft's default-role tables where they state the Salesperson column (legacy SDK
 * "<Entity> entity privileges" pages); where no table states one, the level is the sandbox's choice and
 * is marked so in ../README.md. Microsoft does not publish the privileges of the dual-write app user
 * role: the sandbox grants what its dual-write simulator writes.
 */
import { deterministicId } from "../storage/deterministicId";
import { SandboxUsers } from "../users";
import { allPrivilegeNames, type Depth } from "./privileges";

export interface SeededRole {
  roleid: string;
  name: string;
  /** Users (ids) the seed gives the role to. */
  holders: string[];
  privileges: ReadonlyArray<readonly [string, Depth]>;
}

export const SystemAdministratorRoleId = deterministicId("role:System Administrator");
export const SalespersonRoleId = deterministicId("role:Salesperson");
export const DualWriteAppUserRoleId = deterministicId("role:Dual-write app user");

const readAll = (names: string[], depth: Depth = "Global"): [string, Depth][] => names.map((name) => [`prvRead${name}`, depth]);

/** The System Administrator holds every privilege (the sandbox also lets it write tables with none modelled). */
const systemAdministrator: SeededRole = {
  roleid: SystemAdministratorRoleId,
  name: "System Administrator",
  holders: [SandboxUsers.admin.id],
  privileges: allPrivilegeNames().map((name) => [name, "Global"] as const),
};

const salesperson: SeededRole = {
  roleid: SalespersonRoleId,
  name: "Salesperson",
  holders: [SandboxUsers.salesRep.id],
  privileges: [
    ...(["Lead", "Opportunity", "Account", "Contact"] as const).flatMap((name): [string, Depth][] => [
      [`prvCreate${name}`, "Basic"],
      [`prvRead${name}`, "Global"],
      [`prvWrite${name}`, "Global"],
      [`prvDelete${name}`, "Basic"],
      [`prvAppend${name}`, "Global"],
      [`prvAppendTo${name}`, "Global"],
      [`prvAssign${name}`, "Basic"],
      [`prvShare${name}`, "Global"],
    ]),
    ["prvCreateNote", "Basic"],
    ["prvReadNote", "Global"],
    ["prvWriteNote", "Basic"],
    ["prvDeleteNote", "Basic"],
    ["prvAppendNote", "Local"],
    ["prvAppendToNote", "Basic"],
    ["prvAssignNote", "Basic"],
    ["prvShareNote", "Global"],
    ["prvCreateActivity", "Basic"],
    ["prvReadActivity", "Global"],
    ["prvWriteActivity", "Basic"],
    ["prvDeleteActivity", "Basic"],
    ["prvAppendActivity", "Global"],
    ["prvAppendToActivity", "Global"],
    ["prvWriteUserSettings", "Basic"],
    ...readAll([
      "TransactionCurrency",
      "User",
      "Role",
      "Query",
      "SystemForm",
      "WebResource",
      "SdkMessage",
      "SdkMessageProcessingStep",
      "SdkMessageProcessingStepImage",
      "AsyncOperation",
      "EnvironmentVariableDefinition",
      "Solution",
    ]),
  ],
};

const dualWriteAppUser: SeededRole = {
  roleid: DualWriteAppUserRoleId,
  name: "Dual-write app user",
  holders: [SandboxUsers.dualWrite.id],
  privileges: [
    ...(["Lead", "Account", "Contact"] as const).flatMap((name): [string, Depth][] => [
      [`prvCreate${name}`, "Global"],
      [`prvRead${name}`, "Global"],
      [`prvWrite${name}`, "Global"],
      [`prvAppend${name}`, "Global"],
      [`prvAppendTo${name}`, "Global"],
    ]),
    ["prvCreateNote", "Global"],
    ["prvReadNote", "Global"],
    ["prvAppendNote", "Global"],
    ["prvCreateTransactionCurrency", "Global"],
    ["prvAppendToTransactionCurrency", "Global"],
    ...readAll(["TransactionCurrency", "Opportunity", "User"]),
  ],
};

export const SeededRoles: readonly SeededRole[] = [systemAdministrator, salesperson, dualWriteAppUser];

const escapeXml = (text: string): string => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** `<RolePrivileges>` as the import stores an imported role's privileges. */
export function privilegesXml(privileges: SeededRole["privileges"]): string {
  const rows = privileges.map(([name, level]) => `<RolePrivilege name="${escapeXml(name)}" level="${level}"/>`);
  return `<RolePrivileges>${rows.join("")}</RolePrivileges>`;
}
