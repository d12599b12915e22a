/**
 * The Sales app's system views a rep meets first (seeded, since the sandbox has no Sales solution to
 * import). Modelled on Dynamics 365 Sales: *My Open Leads* is the lead table's default view and lists
 * open leads the signed-in user owns, so leads owned by the dual-write application user never show
 * there. Ids are sandbox-fixed (not Microsoft's); names carry both languages because Dataverse
 * answers a view's name in the user's UI language while this stand-in stores the 1033 name only.
 * Pure data: the Sales pages import it too (Finnish view names).
 */

export interface SeededView {
  savedqueryid: string;
  returnedtypecode: string;
  names: { 1033: string; 1035: string };
  isdefault: boolean;
  /** Layout cells: column logical name and width in pixels, in display order. */
  cells: [string, number][];
  /** The <filter> inside <entity>, or "" for none. */
  filter: string;
  order: { attribute: string; descending: boolean };
}

const OPEN = `<condition attribute="statecode" operator="eq" value="0" />`;
const MINE = `<condition attribute="ownerid" operator="eq-userid" />`;
const and = (...conditions: string[]): string => `<filter type="and">${conditions.join("")}</filter>`;

const id = (n: number): string => `6f0e2c4a-0000-4000-8000-0000000010${String(n).padStart(2, "0")}`;

export const SalesSystemViews: readonly SeededView[] = [
  {
    savedqueryid: id(1),
    returnedtypecode: "lead",
    names: { 1033: "My Open Leads", 1035: "Omat avoimet liidit" },
    isdefault: true,
    cells: [["fullname", 200], ["companyname", 175], ["emailaddress1", 200], ["telephone1", 125], ["statuscode", 125], ["createdon", 150]],
    filter: and(MINE, OPEN),
    order: { attribute: "createdon", descending: true },
  },
  {
    savedqueryid: id(2),
    returnedtypecode: "lead",
    names: { 1033: "Open Leads", 1035: "Avoimet liidit" },
    isdefault: false,
    cells: [["fullname", 200], ["companyname", 175], ["emailaddress1", 200], ["telephone1", 125], ["statuscode", 125], ["ownerid", 150], ["createdon", 150]],
    filter: and(OPEN),
    order: { attribute: "createdon", descending: true },
  },
  {
    savedqueryid: id(3),
    returnedtypecode: "lead",
    names: { 1033: "All Leads", 1035: "Kaikki liidit" },
    isdefault: false,
    cells: [["fullname", 200], ["companyname", 175], ["emailaddress1", 200], ["statecode", 100], ["statuscode", 125], ["ownerid", 150], ["createdon", 150]],
    filter: "",
    order: { attribute: "createdon", descending: true },
  },
  {
    savedqueryid: id(11),
    returnedtypecode: "opportunity",
    names: { 1033: "My Open Opportunities", 1035: "Omat avoimet myyntimahdollisuudet" },
    isdefault: true,
    cells: [["name", 225], ["customerid", 175], ["estimatedvalue", 125], ["estimatedclosedate", 125], ["statuscode", 125], ["createdon", 150]],
    filter: and(MINE, OPEN),
    order: { attribute: "estimatedclosedate", descending: false },
  },
  {
    savedqueryid: id(12),
    returnedtypecode: "opportunity",
    names: { 1033: "Open Opportunities", 1035: "Avoimet myyntimahdollisuudet" },
    isdefault: false,
    cells: [["name", 225], ["customerid", 175], ["estimatedvalue", 125], ["estimatedclosedate", 125], ["ownerid", 150], ["createdon", 150]],
    filter: and(OPEN),
    order: { attribute: "createdon", descending: true },
  },
  {
    savedqueryid: id(21),
    returnedtypecode: "account",
    names: { 1033: "Active Accounts", 1035: "Aktiiviset asiakkaat" },
    isdefault: true,
    cells: [["name", 250], ["accountnumber", 125], ["telephone1", 125], ["emailaddress1", 200], ["primarycontactid", 175], ["createdon", 150]],
    filter: and(OPEN),
    order: { attribute: "name", descending: false },
  },
  {
    savedqueryid: id(31),
    returnedtypecode: "contact",
    names: { 1033: "Active Contacts", 1035: "Aktiiviset yhteyshenkilöt" },
    isdefault: true,
    cells: [["fullname", 200], ["parentcustomerid", 175], ["emailaddress1", 200], ["telephone1", 125], ["createdon", 150]],
    filter: and(OPEN),
    order: { attribute: "fullname", descending: false },
  },
];

const PRIMARY_KEYS: Record<string, string> = { lead: "leadid", opportunity: "opportunityid", account: "accountid", contact: "contactid" };

export function viewFetchXml(view: SeededView): string {
  const attributes = [...view.cells.map(([name]) => name), PRIMARY_KEYS[view.returnedtypecode]]
    .map((name) => `<attribute name="${name}" />`)
    .join("");
  const order = `<order attribute="${view.order.attribute}" descending="${String(view.order.descending)}" />`;
  return `<fetch version="1.0" output-format="xml-platform" mapping="logical"><entity name="${view.returnedtypecode}">${attributes}${order}${view.filter}</entity></fetch>`;
}

export function viewLayoutXml(view: SeededView): string {
  const primaryKey = PRIMARY_KEYS[view.returnedtypecode];
  const jump = view.cells[0][0];
  const cells = view.cells.map(([name, width]) => `<cell name="${name}" width="${width}" />`).join("");
  return `<grid name="resultset" jump="${jump}" select="1" icon="1" preview="1"><row name="result" id="${primaryKey}">${cells}</row></grid>`;
}
