import { Entities, LeadStatus } from "../../../core/src";

/**
 * Qualifies a Commerce B2B lead the only way the hand-off works: creating the account, the contact
 * and the opportunity in one QualifyLead call (bound action on the lead). Sales' own Qualify
 * follows the environment's lead settings, which may skip the account or the contact; Commerce
 * needs both (Customers V3 maps them to the organization and person customers).
 */
export async function qualifyCreatingAllRecords(leadId: string, currencyId: string): Promise<void> {
  const request = {
    entity: { entityType: Entities.lead.logicalName, id: leadId },
    CreateAccount: true,
    CreateContact: true,
    CreateOpportunity: true,
    Status: LeadStatus.Qualified,
    OpportunityCurrencyId: { entityType: "transactioncurrency", id: currencyId },
    getMetadata: () => ({
      boundParameter: "entity",
      operationType: 0,
      operationName: "QualifyLead",
      parameterTypes: {
        entity: { typeName: "mscrm.lead", structuralProperty: 5 },
        CreateAccount: { typeName: "Edm.Boolean", structuralProperty: 1 },
        CreateContact: { typeName: "Edm.Boolean", structuralProperty: 1 },
        CreateOpportunity: { typeName: "Edm.Boolean", structuralProperty: 1 },
        Status: { typeName: "Edm.Int32", structuralProperty: 1 },
        OpportunityCurrencyId: { typeName: "mscrm.transactioncurrency", structuralProperty: 5 },
      },
    }),
  };
  const response = await Xrm.WebApi.online.execute(request);
  // Xrm.WebApi rejects on an error response; a resolved one that is not ok is still a failure.
  if (!response.ok) throw new Error(response.statusText || String(response.status));
}
