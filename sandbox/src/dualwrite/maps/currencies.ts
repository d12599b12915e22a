import type { TableMap } from "./types";

/** *Currencies (transactioncurrencies)*: reference data the lead's and customers' currency lookups need. */
export const currenciesMap: TableMap = {
  name: "Currencies (transactioncurrencies)",
  financeEntity: "Currencies",
  dataverseEntity: "transactioncurrency",
  dataverseEntitySet: "transactioncurrencies",
  dataversePrimaryId: "transactioncurrencyid",
  sourceFilter: '((CURRENCYCODE != "999"))',
  reversedSourceFilter: "",
  key: { finance: "CURRENCYCODE", dataverse: "isocurrencycode" },
  fields: [
    { finance: "CURRENCYCODE", type: "=", dataverse: "isocurrencycode" },
    { finance: "NAME", type: "=", dataverse: "currencyname" },
    { finance: "SYMBOL", type: "=", dataverse: "currencysymbol" },
    { finance: null, type: ">>", dataverse: "exchangerate", defaultValue: 1 },
  ],
  lookups: {},
};
