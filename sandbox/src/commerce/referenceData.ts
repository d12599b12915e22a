/**
 * Reference data Commerce headquarters owns and dual-write copies to Dataverse before any prospect
 * or customer is written (their currency and customer group are lookups there).
 * Records are shaped like the finance and operations data entities the maps read.
 */
export const Currencies: readonly Record<string, string>[] = [
  { CURRENCYCODE: "USD", NAME: "US Dollar", SYMBOL: "$" },
  { CURRENCYCODE: "EUR", NAME: "Euro", SYMBOL: "€" },
];

export const CustomerGroups: readonly Record<string, string>[] = [{ CUSTOMERGROUPID: "30", DESCRIPTION: "Wholesale customers" }];
