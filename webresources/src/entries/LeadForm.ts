import * as LeadCommands from "../lead/LeadCommands";
import * as LeadForm from "../lead/LeadForm";
import { publish } from "../shared/namespace";

// cb2b_/scripts/LeadForm.js: the lead form's events and the lead command bar rules.
publish({
  LeadForm: {
    onLoad: LeadForm.onLoad,
    onSave: LeadForm.onSave,
    onQualificationColumnChange: LeadForm.onQualificationColumnChange,
  },
  LeadCommands: {
    qualifyEnabled: LeadCommands.qualifyEnabled,
    qualify: LeadCommands.qualify,
    qualifyFromGrid: LeadCommands.qualifyFromGrid,
    disqualifyAs: LeadCommands.disqualifyAs,
  },
});
