import * as LeadForm from "../lead/LeadForm";
import { publish } from "../shared/namespace";

// cb2b_/scripts/LeadForm.js: the lead form's OnLoad (two: the Commerce notification, the review deadline), OnSave and OnChange handlers.
publish({
  LeadForm: {
    onLoad: LeadForm.onLoad,
    onLoadReviewDeadline: LeadForm.onLoadReviewDeadline,
    onSave: LeadForm.onSave,
    onQualificationColumnChange: LeadForm.onQualificationColumnChange,
  },
});
