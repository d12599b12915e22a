import * as OpportunityForm from "../opportunity/OpportunityForm";
import { publish } from "../shared/namespace";

// cb2b_/scripts/OpportunityForm.js: the opportunity form's OnLoad handler.
publish({
  OpportunityForm: {
    onLoad: OpportunityForm.onLoad,
  },
});
