// FabricConfig before Fluent: no web fonts or icons from a CDN (the sandbox is offline).
import "../shared/fabricConfig";
import { askCloseDetails } from "./CloseOpportunityDialog";
import { opportunityClose, opportunityCloseFromGrid } from "./opportunityActions";

// Served as /WebResources/Sales/Opportunity/Opportunity_main_system_library.js.
const root = globalThis as unknown as { Mscrm?: Record<string, unknown> };
const Mscrm = (root.Mscrm ??= {});
Mscrm.OpportunityCommandActions = { opportunityClose: (isWon: boolean) => opportunityClose(isWon, askCloseDetails) };
Mscrm.OpportunityGridCommandActions = {
  opportunityClose: (references: { Id: string }[], isWon: boolean, grid: { refresh(): void }) => opportunityCloseFromGrid(references, isWon, grid, askCloseDetails),
};
