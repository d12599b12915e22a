import * as OpportunityCommands from "../opportunity/OpportunityCommands";
import * as OpportunityForm from "../opportunity/OpportunityForm";
import { publish } from "../shared/namespace";

// cb2b_/scripts/OpportunityForm.js: the opportunity form's events and its command bar rules.
publish({
  OpportunityForm: {
    onLoad: OpportunityForm.onLoad,
  },
  OpportunityCommands: {
    closeAsWonEnabled: OpportunityCommands.closeAsWonEnabled,
    closeAsLostEnabled: OpportunityCommands.closeAsLostEnabled,
    closeAsWon: OpportunityCommands.closeAsWon,
    closeAsLost: OpportunityCommands.closeAsLost,
    closeAsWonFromGrid: OpportunityCommands.closeAsWonFromGrid,
    closeAsLostFromGrid: OpportunityCommands.closeAsLostFromGrid,
  },
});
