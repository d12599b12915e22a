/**
 * Solution import and publishing need System Customizer or System Administrator. In the sandbox only
 * the seeded admin holds such a role; anyone else (the sales rep, dual-write's application user) gets
 * the 403 Dataverse answers, naming the missing privilege.
 */
import type { Caller } from "../engine/scope";
import { DataverseError } from "../errors";
import { SandboxUsers } from "../users";

/** SecLib::AccessCheckEx failed. */
const PRIVILEGE_DENIED = "0x80040220";

export function requireCustomizer(caller: Caller, privilege: "prvImportSolution" | "prvPublishCustomizations"): void {
  if (caller.userId === SandboxUsers.admin.id) return;
  throw new DataverseError(
    403,
    PRIVILEGE_DENIED,
    `Principal user (Id=${caller.userId}, type=8, roleCount=1, privilegeCount=0, accessMode=0), is missing ${privilege} privilege on OTC=7100 for entity 'solution'.`,
  );
}
