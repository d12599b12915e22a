/**
 * Standard Dataverse and Dynamics 365 tables the sandbox does not model, with the EntitySetName each
 * table's reference page states (the "Properties" table of
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/<table> and
 * https://learn.microsoft.com/dynamics365/developer/reference/entities/<table>; each value was checked
 * against the page source in MicrosoftDocs/powerapps-docs or MicrosoftDocs/dynamics-365-customer-engagement).
 * A request to one of these sets is a 501 naming the table, never the 404 a mistyped name gets.
 * Tables whose set name could not be checked against a page (territory, quoteclose, orderclose,
 * incidentresolution, campaignactivity, position, discounttype) are left out rather than guessed.
 */

export interface StandardTable {
  logicalName: string;
  entitySetName: string;
}

const table = (logicalName: string, entitySetName: string): StandardTable => ({ logicalName, entitySetName });

export const unmodelledStandardTables: readonly StandardTable[] = [
  // Sales
  table("quote", "quotes"),
  table("quotedetail", "quotedetails"),
  table("salesorder", "salesorders"),
  table("salesorderdetail", "salesorderdetails"),
  table("invoice", "invoices"),
  table("invoicedetail", "invoicedetails"),
  table("opportunityproduct", "opportunityproducts"),
  table("product", "products"),
  table("pricelevel", "pricelevels"),
  table("productpricelevel", "productpricelevels"),
  table("uom", "uoms"),
  table("uomschedule", "uomschedules"),
  table("competitor", "competitors"),
  table("goal", "goals"),
  // Marketing
  table("campaign", "campaigns"),
  table("campaignresponse", "campaignresponses"),
  table("list", "lists"),
  // Customer Service
  table("incident", "incidents"),
  table("contract", "contracts"),
  table("entitlement", "entitlements"),
  table("knowledgearticle", "knowledgearticles"),
  table("queue", "queues"),
  table("queueitem", "queueitems"),
  table("sla", "slas"),
  // Activities
  table("activitypointer", "activitypointers"),
  table("activityparty", "activityparties"),
  table("task", "tasks"),
  table("email", "emails"),
  table("phonecall", "phonecalls"),
  table("appointment", "appointments"),
  table("letter", "letters"),
  table("fax", "faxes"),
  table("serviceappointment", "serviceappointments"),
  table("socialactivity", "socialactivities"),
  table("recurringappointmentmaster", "recurringappointmentmasters"),
  // Platform
  table("businessunit", "businessunits"),
  table("organization", "organizations"),
  table("connection", "connections"),
  table("customeraddress", "customeraddresses"),
  table("mailbox", "mailboxes"),
  table("calendar", "calendars"),
  table("workflow", "workflows"),
  table("userquery", "userqueries"),
  table("savedqueryvisualization", "savedqueryvisualizations"),
  table("sharepointdocumentlocation", "sharepointdocumentlocations"),
  table("privilege", "privileges"),
  table("publisher", "publishers"),
  table("solutioncomponent", "solutioncomponents"),
  table("duplicaterule", "duplicaterules"),
  table("template", "templates"),
  table("report", "reports"),
];
