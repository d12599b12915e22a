import { Entities } from "../../../core/src";

/** Web API entity sets the handlers address (core's Entities plus the lookup targets they bind to). */
export const EntitySets = {
  lead: Entities.lead.entitySet,
  opportunity: Entities.opportunity.entitySet,
  account: Entities.account.entitySet,
  contact: Entities.contact.entitySet,
  annotation: Entities.annotation.entitySet,
  systemUser: "systemusers",
  userSettings: "usersettingscollection",
  transactionCurrency: "transactioncurrencies",
  /** Dual-write's customer group table. */
  customerGroup: "msdyn_customergroups",
} as const;
