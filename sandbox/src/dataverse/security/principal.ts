/**
 * A caller's privileges, as Dataverse works them out: the union over the security roles the user holds
 * directly (`systemuserroles_association`) and through the teams the user is a member of
 * (`teammembership_association` → `teamroles_association`); for each privilege the deepest level any of
 * those roles grants. The checks refuse with the errors Dataverse gives:
 *
 * - a missing privilege: 403 `0x80040220` "Principal user (Id=…, type=8, …), is missing prvX privilege …";
 * - a privilege held at Basic on a record the caller does not own (neither the caller nor one of the
 *   caller's teams): 403 `0x80048306` "Principal with ID … does not have WriteAccess right(s) for
 *   record with ID … of entity …".
 *
 * Depth is kept simple: the sandbox has one business unit, so Local, Deep and Global all reach every
 * record and Basic reaches the caller's own. Reads check the privilege, not the depth (a Basic read
 * privilege reads every row); Append/AppendTo are not checked when lookups are set.
 */
import type { Caller } from "../engine/scope";
import { DataverseError } from "../errors";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import { isEntityRef, type RecordData, type RecordStore } from "../storage/records";
import { quote, tableName } from "../storage/schema";
import { DepthRank, isDepth, privilegeFor, tablePrivilegesOf, UncheckedTables, type Access, type Depth, type SolutionPrivilege } from "./privileges";
import { SystemAdministratorRoleId } from "./roles";

/** SecLib::AccessCheckEx failed: "Principal user is missing privilege" (error code -2147220960). */
export const PRIVILEGE_DENIED = "0x80040220";
/** A privilege check passed but the record-level access check failed (error code -2147187962). */
export const ACCESS_DENIED = "0x80048306";

export interface Principal {
  userId: string;
  accessMode: number;
  /** Ids of the roles held directly and through teams. */
  roleIds: string[];
  teamIds: string[];
  systemAdministrator: boolean;
  privileges: Map<string, Depth>;
}

const meta = (logicalName: string): EntityMetadata => entityByLogicalName(logicalName) as EntityMetadata;
const table = (logicalName: string): string => quote(tableName(meta(logicalName)));

/** `<RolePrivilege name="…" level="…"/>` rows of a role's `privilegesxml`, whatever the attribute order. */
function rolePrivileges(xml: string): [string, Depth][] {
  const found: [string, Depth][] = [];
  for (const tag of xml.match(/<RolePrivilege\b[^>]*>/g) ?? []) {
    const name = /\bname\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    const level = /\blevel\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    if (name && isDepth(level)) found.push([name, level]);
  }
  return found;
}

/** Computes the privileges of a user from the database as it is now. */
export function loadPrincipal(store: RecordStore, userId: string): Principal {
  const id = userId.toLowerCase();
  const teamIds = (store.prepare(`SELECT teamid FROM ${table("teammembership")} WHERE systemuserid = ?`).all(id) as { teamid: string }[]).map(
    (row) => row.teamid,
  );
  const roles = store
    .prepare(
      `SELECT r.roleid, r.parentrootroleid, r.privilegesxml FROM ${table("role")} AS r WHERE r.roleid IN (` +
        `SELECT roleid FROM ${table("systemuserroles")} WHERE systemuserid = ? ` +
        `UNION SELECT tr.roleid FROM ${table("teamroles")} AS tr JOIN ${table("teammembership")} AS tm ON tm.teamid = tr.teamid WHERE tm.systemuserid = ?)`,
    )
    .all(id, id) as { roleid: string; parentrootroleid: string | null; privilegesxml: string | null }[];
  const privileges = new Map<string, Depth>();
  for (const role of roles) {
    for (const [name, depth] of rolePrivileges(role.privilegesxml ?? "")) {
      const held = privileges.get(name);
      if (!held || DepthRank[depth] > DepthRank[held]) privileges.set(name, depth);
    }
  }
  const user = store.get(meta("systemuser"), id);
  return {
    userId: id,
    accessMode: typeof user?.accessmode === "number" ? user.accessmode : 0,
    roleIds: roles.map((r) => r.roleid),
    teamIds,
    // A business-unit copy of the role names it as its root; the sandbox's one business unit keeps the root.
    systemAdministrator: roles.some((r) => r.roleid === SystemAdministratorRoleId || r.parentrootroleid === SystemAdministratorRoleId),
    privileges,
  };
}

/** One principal per caller object (one request): the role lookups run once however many checks it makes. */
const cache = new WeakMap<Caller, Principal>();

export function principalOf(store: RecordStore, caller: Caller): Principal {
  let principal = cache.get(caller);
  if (!principal) {
    principal = loadPrincipal(store, caller.userId);
    cache.set(caller, principal);
  }
  return principal;
}

function describe(principal: Principal): string {
  return `Principal user (Id=${principal.userId}, type=8, roleCount=${principal.roleIds.length}, privilegeCount=${principal.privileges.size}, accessMode=${principal.accessMode})`;
}

export function missingPrivilege(principal: Principal, privilege: string, logicalName?: string): DataverseError {
  const otc = logicalName ? tablePrivilegesOf(logicalName)?.otc : undefined;
  const where = logicalName ? ` ${otc !== undefined ? `on OTC=${otc} ` : ""}for entity '${logicalName}'` : "";
  return new DataverseError(
    403,
    PRIVILEGE_DENIED,
    `${describe(principal)}, is missing ${privilege} privilege${where}. Consider adding missed privilege to one of the principal (user/team) roles.`,
  );
}

/** The sandbox's refusal for a table with no privileges modelled: only the System Administrator writes it. */
function administratorOnly(principal: Principal, access: Access, entity: EntityMetadata): DataverseError {
  return new DataverseError(
    403,
    PRIVILEGE_DENIED,
    `${describe(principal)} may not ${access.toLowerCase()} ${entity.logicalName} records: the sandbox models no privilege for this table, so only the System Administrator role may write it.`,
  );
}

/** Whether the caller owns the record, alone or through a team, for a Basic-depth privilege. */
function owns(principal: Principal, entity: EntityMetadata, record: RecordData): boolean {
  // A user's personal options belong to that user.
  if (entity.logicalName === "usersettings") return String(record.systemuserid ?? "").toLowerCase() === principal.userId;
  const owner = record.ownerid;
  if (!isEntityRef(owner)) return false;
  const ownerId = owner.id.toLowerCase();
  return owner.logicalName === "team" ? principal.teamIds.includes(ownerId) : ownerId === principal.userId;
}

/** Record-level depth applies to user-owned tables (and a user's own settings); organization-owned ones are all-or-nothing. */
const depthApplies = (entity: EntityMetadata): boolean => entity.ownership === "user" || entity.logicalName === "usersettings";

/**
 * Throws unless the caller holds the table privilege for `access`; with `record`, a Basic-depth privilege
 * must also reach that record. Reading a table with no privileges modelled is allowed; writing it needs
 * the System Administrator role.
 */
export function requireAccess(store: RecordStore, caller: Caller, entity: EntityMetadata, access: Access, record?: RecordData): void {
  if (UncheckedTables.has(entity.logicalName)) return;
  const principal = principalOf(store, caller);
  if (principal.systemAdministrator) return;
  if (!tablePrivilegesOf(entity.logicalName)) {
    if (access === "Read") return;
    throw administratorOnly(principal, access, entity);
  }
  const privilege = privilegeFor(entity.logicalName, access);
  if (!privilege) {
    if (access === "Read") return;
    throw administratorOnly(principal, access, entity);
  }
  const depth = principal.privileges.get(privilege);
  if (!depth) throw missingPrivilege(principal, privilege, entity.logicalName);
  if (record && access !== "Read" && depth === "Basic" && depthApplies(entity) && !owns(principal, entity, record)) {
    const id = String(record[entity.primaryIdAttribute] ?? "");
    throw new DataverseError(
      403,
      ACCESS_DENIED,
      `Principal with ID ${principal.userId} does not have ${access}Access right(s) for record with ID ${id} of entity ${entity.logicalName}. (${privilege} is held at Basic depth, which reaches only records the user or one of the user's teams owns.)`,
    );
  }
}

/** Throws unless the caller holds a privilege that is not about one table (importing, publishing). */
export function requireSolutionPrivilege(store: RecordStore, caller: Caller, privilege: SolutionPrivilege): void {
  const principal = principalOf(store, caller);
  if (principal.systemAdministrator || principal.privileges.has(privilege)) return;
  throw new DataverseError(
    403,
    PRIVILEGE_DENIED,
    `${describe(principal)}, is missing ${privilege} privilege on OTC=7100 for entity 'solution'.`,
  );
}

/** Changing who holds a role: the sandbox leaves it to the System Administrator role. */
export function requireSystemAdministrator(store: RecordStore, caller: Caller, what: string): void {
  const principal = principalOf(store, caller);
  if (principal.systemAdministrator) return;
  throw new DataverseError(
    403,
    PRIVILEGE_DENIED,
    `Principal user (Id=${principal.userId}) is missing the privileges to change '${what}' (in the sandbox only the System Administrator role holds them).`,
  );
}

