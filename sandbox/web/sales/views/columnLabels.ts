/**
 * Column headers for the grid. The sandbox's EntityDefinitions answers only the table-level
 * definition (no Attributes), so the attribute display names a grid shows are kept here, in English
 * and Finnish, for the columns the Sales and solution views use. Unknown columns show their logical name.
 */
import type { LanguageId } from "../../shared/session";

type Label = Record<LanguageId, string>;
const l = (en: string, fi: string): Label => ({ 1033: en, 1035: fi });

const common: Record<string, Label> = {
  createdon: l("Created On", "Luontipäivä"),
  modifiedon: l("Modified On", "Muokkauspäivä"),
  ownerid: l("Owner", "Omistaja"),
  statecode: l("Status", "Tila"),
  statuscode: l("Status Reason", "Tilan syy"),
  emailaddress1: l("Email", "Sähköposti"),
  telephone1: l("Business Phone", "Työpuhelin"),
  transactioncurrencyid: l("Currency", "Valuutta"),
};

const byEntity: Record<string, Record<string, Label>> = {
  lead: {
    fullname: l("Name", "Nimi"),
    companyname: l("Company Name", "Yrityksen nimi"),
    subject: l("Topic", "Aihe"),
    websiteurl: l("Website", "Sivusto"),
    msdyn_prospectid: l("Prospect ID", "Prospektin tunnus"),
    msdyn_b2bprospectstatus: l("Prospect status", "Prospektin tila"),
    msdyn_b2bcommerceprospect: l("Commerce B2B prospect", "Commercen B2B-prospekti"),
    msdyn_retailchannel: l("Channel", "Kanava"),
    numberofemployees: l("No. of Employees", "Työntekijöiden määrä"),
  },
  opportunity: {
    name: l("Topic", "Aihe"),
    customerid: l("Potential Customer", "Mahdollinen asiakas"),
    estimatedvalue: l("Est. Revenue", "Arvioitu tuotto"),
    estimatedclosedate: l("Est. Close Date", "Arvioitu päättymispäivä"),
    originatingleadid: l("Originating Lead", "Alkuperäinen liidi"),
    parentaccountid: l("Account", "Asiakas"),
    parentcontactid: l("Contact", "Yhteyshenkilö"),
  },
  account: {
    name: l("Account Name", "Asiakkaan nimi"),
    accountnumber: l("Account Number", "Asiakasnumero"),
    primarycontactid: l("Primary Contact", "Ensisijainen yhteyshenkilö"),
  },
  contact: {
    fullname: l("Full Name", "Koko nimi"),
    parentcustomerid: l("Company Name", "Yrityksen nimi"),
    msdyn_contactpersonid: l("Contact person ID", "Yhteyshenkilön tunnus"),
  },
};

export function columnLabel(entity: string, column: string, languageId: LanguageId): string {
  const label = byEntity[entity]?.[column] ?? common[column];
  return label ? label[languageId] : column;
}
