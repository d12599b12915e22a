/**
 * Dataverse's privileges, as far as the sandbox models them: `prv<Access><Name>` per table (Create, Read,
 * Write, Delete, Append, AppendTo, Assign, Share) with a depth (Basic, Local, Deep, Global), plus the
 * privileges that are not about one table. Only names Microsoft publishes are used; each table lists the
 * accesses its source names (see the Security section of ../README.md for the sources). A table not in
 * this list has no privileges modelled: reading it is open to every signed-in user, writing it needs the
 * System Administrator role (except the UncheckedTables below).
 */
import { currentDynamicMetadata } from "../metadata/dynamic";

export type Access = "Create" | "Read" | "Write" | "Delete" | "Append" | "AppendTo" | "Assign" | "Share";

/** Access levels. With one business unit, Local, Deep and Global reach every record; Basic only the caller's own. */
export type Depth = "Basic" | "Local" | "Deep" | "Global";

export const DepthRank: Record<Depth, number> = { Basic: 1, Local: 2, Deep: 3, Global: 4 };

export function isDepth(value: string | undefined): value is Depth {
  return value === "Basic" || value === "Local" || value === "Deep" || value === "Global";
}

export interface TablePrivileges {
  /** The privilege name part after the access (`prvReadNote` → `Note`). */
  name: string;
  /** The accesses Microsoft's documentation names a privilege for. */
  accesses: readonly Access[];
  /** The entity type code, where the privilege reference states it (used in the error message). */
  otc?: number;
}

const ALL: readonly Access[] = ["Create", "Read", "Write", "Delete", "Append", "AppendTo", "Assign", "Share"];
const CRUD: readonly Access[] = ["Create", "Read", "Write", "Delete"];

/** Tables by logical name. Sources are listed per row in ../README.md ("Security roles and privileges"). */
export const Tables: Readonly<Record<string, TablePrivileges>> = {
  lead: { name: "Lead", accesses: ALL, otc: 4 },
  opportunity: { name: "Opportunity", accesses: ["Create", "Read", "Write", "Delete", "Append", "AppendTo", "Assign", "Share"] },
  account: { name: "Account", accesses: ALL },
  contact: { name: "Contact", accesses: ALL, otc: 2 },
  annotation: { name: "Note", accesses: ["Create", "Read", "Write", "Delete", "Append", "AppendTo", "Assign", "Share"], otc: 5 },
  // Activities (the opportunity close among them) share the Activity privileges.
  opportunityclose: { name: "Activity", accesses: ["Create", "Read", "Write", "Delete", "Append", "AppendTo"] },
  transactioncurrency: { name: "TransactionCurrency", accesses: ["Create", "Read", "Delete", "Append", "AppendTo"], otc: 9105 },
  systemuser: { name: "User", accesses: ["Create", "Read", "Write", "Append", "AppendTo"], otc: 8 },
  usersettings: { name: "UserSettings", accesses: ["Write"] },
  role: { name: "Role", accesses: ["Create", "Read", "Write", "Delete", "Assign", "AppendTo"] },
  solution: { name: "Solution", accesses: ["Create", "Read", "Write", "Delete", "Append", "AppendTo"], otc: 7100 },
  savedquery: { name: "Query", accesses: CRUD, otc: 1039 },
  systemform: { name: "SystemForm", accesses: ["Create", "Read", "Write"] },
  webresource: { name: "WebResource", accesses: CRUD, otc: 9333 },
  customcontrol: { name: "CustomControl", accesses: ["Create"], otc: 9753 },
  serviceendpoint: { name: "ServiceEndpoint", accesses: CRUD, otc: 4618 },
  sdkmessage: { name: "SdkMessage", accesses: ["Create", "Read"] },
  sdkmessageprocessingstep: { name: "SdkMessageProcessingStep", accesses: CRUD, otc: 4608 },
  sdkmessageprocessingstepimage: { name: "SdkMessageProcessingStepImage", accesses: CRUD, otc: 4615 },
  asyncoperation: { name: "AsyncOperation", accesses: ["Create", "Read", "Delete"] },
  environmentvariabledefinition: { name: "EnvironmentVariableDefinition", accesses: ALL },
  // Values have no privileges of their own: access to a value goes with its definition.
  environmentvariablevalue: { name: "EnvironmentVariableDefinition", accesses: ALL },
};

/**
 * Tables left unchecked: any signed-in user may read and write them. Dual-write's customer groups are
 * written by the dual-write application user, and Microsoft publishes no privilege names for the table.
 */
export const UncheckedTables: ReadonlySet<string> = new Set(["msdyn_customergroup"]);

/** Privileges that are not about one table, sourced from Microsoft's "ImportSolution message privileges" and "PublishAllXml message privileges" pages. */
export const SolutionPrivileges = {
  importSolution: "prvCreateCustomization",
  publishCustomizations: "prvWriteQuery",
} as const;
export type SolutionPrivilege = (typeof SolutionPrivileges)[keyof typeof SolutionPrivileges];

/**
 * A table's privileges: the modelled standard ones above, or those Dataverse creates with a custom table
 * (`prv<Access><SchemaName>`, e.g. `prvReadsample_Example` in the exported role of
 * microsoft/PowerApps-Samples' ColumnLevelSecuritySampleSolution): all eight for a user-owned table,
 * no Assign or Share for an organization-owned one.
 */
export function tablePrivilegesOf(logicalName: string): TablePrivileges | undefined {
  const standard = Tables[logicalName];
  if (standard) return standard;
  const custom = currentDynamicMetadata()?.tables.get(logicalName);
  if (!custom) return undefined;
  return { name: custom.privilegeName, accesses: custom.entity.ownership === "user" ? ALL : ["Create", "Read", "Write", "Delete", "Append", "AppendTo"] };
}

/** `prv<Access><Name>` for a table, or undefined when no such privilege is modelled. */
export function privilegeFor(logicalName: string, access: Access): string | undefined {
  const table = tablePrivilegesOf(logicalName);
  if (!table || !table.accesses.includes(access)) return undefined;
  return `prv${access}${table.name}`;
}

/** Every privilege name the sandbox models (what the System Administrator role lists). */
export function allPrivilegeNames(): string[] {
  const names = new Set<string>(Object.values(SolutionPrivileges));
  for (const table of Object.values(Tables)) for (const access of table.accesses) names.add(`prv${access}${table.name}`);
  return [...names].sort();
}
