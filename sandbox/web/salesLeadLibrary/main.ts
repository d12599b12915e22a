import { disqualifyLeadAs, qualifyLeadQuick, qualifyLeadsFromGrid } from "./leadActions";

// Served as /WebResources/Sales/Lead/Lead.js: puts Sales' lead command actions where Sales has them.
const root = globalThis as unknown as { Mscrm?: Record<string, unknown> };
const Mscrm = (root.Mscrm ??= {});
Mscrm.LeadCommandActions = { qualifyLeadQuick, disqualifyLeadAs };
Mscrm.LeadGridCommandActions = {
  qualifyLeadQuick: (grid: { refresh(): void }, references: { Id: string }[]) => qualifyLeadsFromGrid(grid, references),
};
