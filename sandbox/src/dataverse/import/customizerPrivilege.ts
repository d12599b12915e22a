/**
 * Solution import and publishing need their privileges (System Customizer or System Administrator hold
 * them). Who holds them follows the caller's security roles (../security); anyone else (the sales rep,
 * dual-write's application user) gets the 403 Dataverse answers, naming the missing privilege.
 */
import type { Caller } from "../engine/scope";
import { requireSolutionPrivilege } from "../security/principal";
import type { SolutionPrivilege } from "../security/privileges";
import type { RecordStore } from "../storage/records";

export function requireCustomizer(store: RecordStore, caller: Caller, privilege: SolutionPrivilege): void {
  requireSolutionPrivilege(store, caller, privilege);
}
