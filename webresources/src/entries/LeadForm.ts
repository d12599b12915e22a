import * as LeadForm from "../lead/LeadForm";
import { publish } from "../shared/namespace";

// cb2b_/scripts/LeadForm.js: the lead form's OnLoad, OnSave and OnChange handlers.
publish({
  LeadForm: {
    onLoad: LeadForm.onLoad,
    onSave: LeadForm.onSave,
    onQualificationColumnChange: LeadForm.onQualificationColumnChange,
  },
});
