/**
 * What a fresh environment has before anyone uses it: users (with their settings), currencies, and the
 * SDK message/filter catalogue plug-in steps register against. Idempotent: only missing rows are added.
 */
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import { privilegesXml, SeededRoles } from "../security/roles";
import { SandboxUsers } from "../users";
import { deterministicId } from "./deterministicId";
import { toDataverseDate, type RecordData, type RecordStore } from "./records";
import { SalesSystemViews, viewFetchXml, viewLayoutXml } from "./salesViews";

export { deterministicId };

export const Currencies = {
  euro: { id: deterministicId("transactioncurrency:EUR"), iso: "EUR", name: "Euro", symbol: "€" },
  usDollar: { id: deterministicId("transactioncurrency:USD"), iso: "USD", name: "US Dollar", symbol: "$" },
} as const;

/**
 * Messages a step can be registered on (SetState is registrable but, as on the platform, an Update of
 * statecode does not run it). Platform messages
 * have the same sdkmessageid in every Dataverse environment (an exported step names its message by that
 * id alone); QualifyLead, WinOpportunity and LoseOpportunity get stable sandbox ids, and exported steps
 * on them are matched by the step name (`<handler>: <Message> of <entity>`).
 */
export const SdkMessageIds: Record<string, string> = {
  Create: "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8",
  Update: "20bebb1b-ea3e-db11-86a7-000a3a5473e8",
  Delete: "a1bdbb1b-ea3e-db11-86a7-000a3a5473e8",
  SetState: "1cbebb1b-ea3e-db11-86a7-000a3a5473e8",
  QualifyLead: deterministicId("sdkmessage:QualifyLead"),
  WinOpportunity: deterministicId("sdkmessage:WinOpportunity"),
  LoseOpportunity: deterministicId("sdkmessage:LoseOpportunity"),
};
export const SdkMessages = Object.keys(SdkMessageIds);

const messageEntities: Record<string, string[]> = {
  QualifyLead: ["lead"],
  WinOpportunity: ["opportunity"],
  LoseOpportunity: ["opportunity"],
};

export const sdkMessageId = (name: string): string => SdkMessageIds[name];
export const sdkMessageFilterId = (message: string, entity: string): string => deterministicId(`sdkmessagefilter:${message}:${entity}`);

const businessEntities = ["lead", "opportunity", "account", "contact", "annotation", "opportunityclose"];

function entity(logicalName: string): EntityMetadata {
  const found = entityByLogicalName(logicalName);
  if (!found) throw new Error(`seed: no metadata for ${logicalName}`);
  return found;
}

export function seed(store: RecordStore, now: Date): void {
  const stamp = toDataverseDate(now);
  const admin = { logicalName: "systemuser", id: SandboxUsers.admin.id };
  const add = (logicalName: string, data: RecordData) => {
    const meta = entity(logicalName);
    const id = String(data[meta.primaryIdAttribute]);
    if (store.exists(meta, id)) return;
    const record: RecordData = { createdon: stamp, modifiedon: stamp, createdby: admin, modifiedby: admin, ...data };
    if (meta.ownership === "user" && !record.ownerid) record.ownerid = admin;
    if (meta.attributes.some((a) => a.logicalName === "statecode") && record.statecode === undefined) {
      record.statecode = 0;
      record.statuscode = meta.attributes.find((a) => a.logicalName === "statecode")?.options?.[0].defaultStatus ?? 1;
    }
    record.versionnumber = store.nextVersion();
    store.insert(meta, record);
  };

  for (const user of Object.values(SandboxUsers)) {
    add("systemuser", {
      systemuserid: user.id,
      fullname: user.fullname,
      firstname: user.firstname,
      lastname: user.lastname,
      domainname: user.domainname,
      internalemailaddress: user.domainname,
      applicationid: "applicationid" in user ? user.applicationid : null,
      accessmode: user.accessmode,
      isdisabled: false,
    });
    add("usersettings", { systemuserid: user.id, uilanguageid: 1033, localeid: 1033 });
  }
  for (const currency of Object.values(Currencies)) {
    add("transactioncurrency", {
      transactioncurrencyid: currency.id,
      currencyname: currency.name,
      isocurrencycode: currency.iso,
      currencysymbol: currency.symbol,
      exchangerate: 1,
      currencyprecision: 2,
    });
  }
  for (const message of SdkMessages) {
    add("sdkmessage", { sdkmessageid: sdkMessageId(message), name: message });
    for (const logicalName of messageEntities[message] ?? businessEntities) {
      add("sdkmessagefilter", {
        sdkmessagefilterid: sdkMessageFilterId(message, logicalName),
        sdkmessageid: { logicalName: "sdkmessage", id: sdkMessageId(message) },
        primaryobjecttypecode: logicalName,
        secondaryobjecttypecode: "none",
      });
    }
  }
  // The roles a fresh environment has, each given to its user when the role is first created: a role taken
  // away from a user later stays taken away across restarts.
  for (const role of SeededRoles) {
    if (store.exists(entity("role"), role.roleid)) continue;
    add("role", { roleid: role.roleid, name: role.name, privilegesxml: privilegesXml(role.privileges), parentrootroleid: { logicalName: "role", id: role.roleid } });
    for (const holder of role.holders) {
      store.insert(entity("systemuserroles"), {
        systemuserroleid: deterministicId(`systemuserroles:${holder}:${role.roleid}`),
        systemuserid: holder,
        roleid: role.roleid,
        versionnumber: store.nextVersion(),
      });
    }
  }
  // Roles imported by an older build have no parentrootroleid: in the one business unit, each is its own root.
  store.prepare(`UPDATE dv_role SET parentrootroleid = roleid, parentrootroleid__type = 'role' WHERE parentrootroleid IS NULL`).run();
  for (const view of SalesSystemViews) {
    add("savedquery", {
      savedqueryid: view.savedqueryid,
      name: view.names[1033],
      returnedtypecode: view.returnedtypecode,
      fetchxml: viewFetchXml(view),
      layoutxml: viewLayoutXml(view),
      querytype: 0,
      isdefault: view.isdefault,
      isquickfindquery: false,
      iscustomizable: true,
      ismanaged: true,
    });
  }
}
