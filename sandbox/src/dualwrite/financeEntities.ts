import type { CustomerFields, PartyType } from "../commerce/customers";
import type { Prospect, ProspectChanges, ProspectStatusName } from "../commerce/prospects";
import type { FinanceValue } from "./maps";

/**
 * The Commerce simulator's records seen as finance and operations data entities (the field names
 * the maps use), and back.
 */
type FinanceRecord = Record<string, FinanceValue>;

const prospectFields: Record<string, keyof ProspectChanges> = {
  PROSPECTFIRSTNAME: "firstName",
  PROSPECTLASTNAME: "lastName",
  PRIMARYPHONENUMBER: "phone",
  PRIMARYEMAILADDRESS: "email",
  PRIMARYURL: "website",
  ADDRESSCITY: "city",
  ADDRESSCOUNTRYREGIONISOCODE: "countryRegion",
  ADDRESSSTATEID: "stateOrProvince",
  ADDRESSSTREET: "street",
  ADDRESSZIPCODE: "postalCode",
  COMPANYNAME: "companyName",
  COMPANYSIZE: "numberOfEmployees",
};

/** Prospect columns Commerce requires; Sales clearing one of them is refused, not applied. */
const requiredProspectFields = new Set<keyof ProspectChanges>(["companyName", "firstName", "lastName", "email"]);

export function prospectToFinance(p: Prospect): FinanceRecord {
  const record: FinanceRecord = {
    PROSPECTID: p.prospectId,
    CURRENCYCODE: p.currencyCode,
    CUSTOMERGROUPID: p.customerGroupId,
    RETAILCHANNELOPERATINGUNITPARTYNUMBER: p.channelPartyNumber,
    ISB2BPROSPECT: "Yes",
    B2BPROSPECTSTATUS: p.status,
  };
  for (const [financeField, key] of Object.entries(prospectFields)) record[financeField] = p[key] ?? null;
  return record;
}

/** The prospect changes and status a Dataverse lead carries. Throws when Sales cleared a required field. */
export function financeToProspect(record: FinanceRecord): { changes: ProspectChanges; status: ProspectStatusName | null } {
  const changes: Record<string, unknown> = {};
  for (const [financeField, key] of Object.entries(prospectFields)) {
    if (!(financeField in record)) continue;
    const value = record[financeField];
    if ((value === null || value === "") && requiredProspectFields.has(key)) {
      throw new Error(`${financeField} cannot be empty on a Commerce prospect.`);
    }
    changes[key] = value === "" ? null : value;
  }
  const status = record.B2BPROSPECTSTATUS;
  return { changes: changes as ProspectChanges, status: status === null || status === undefined ? null : (status as ProspectStatusName) };
}

const organizationFields: Record<string, keyof CustomerFields> = {
  ORGANIZATIONNAME: "organizationName",
  DELIVERYADDRESSCITY: "city",
  DELIVERYADDRESSCOUNTRYREGIONISOCODE: "countryRegion",
  DELIVERYADDRESSZIPCODE: "postalCode",
  DELIVERYADDRESSSTREET: "street",
  DELIVERYADDRESSSTATE: "stateOrProvince",
  ORGANIZATIONNUMBEROFEMPLOYEES: "numberOfEmployees",
  PRIMARYCONTACTEMAIL: "email",
  PRIMARYCONTACTPHONE: "phone",
  PRIMARYCONTACTURL: "website",
  SALESCURRENCYCODE: "currencyCode",
  CUSTOMERGROUPID: "customerGroupId",
};

const personFields: Record<string, keyof CustomerFields> = {
  PERSONFIRSTNAME: "firstName",
  PERSONLASTNAME: "lastName",
  ADDRESSCITY: "city",
  ADDRESSCOUNTRYREGIONISOCODE: "countryRegion",
  ADDRESSSTATE: "stateOrProvince",
  ADDRESSSTREET: "street",
  ADDRESSZIPCODE: "postalCode",
  PRIMARYCONTACTEMAIL: "email",
  PRIMARYCONTACTPHONE: "phone",
  SALESCURRENCYCODE: "currencyCode",
};

/** A CustomersV3 record as the simulator's customer fields, plus its party type and account. */
export function financeToCustomer(record: FinanceRecord): { partyType: PartyType; accountNumber: string | null; fields: Partial<CustomerFields> } {
  const partyType = record.PARTYTYPE === "Person" ? "Person" : "Organization";
  const table = partyType === "Person" ? personFields : organizationFields;
  const fields: Record<string, unknown> = {};
  for (const [financeField, key] of Object.entries(table)) {
    if (financeField in record) fields[key] = record[financeField] === "" ? null : record[financeField];
  }
  const account = record.CUSTOMERACCOUNT;
  return { partyType, accountNumber: typeof account === "string" && account !== "" ? account : null, fields: fields as Partial<CustomerFields> };
}
