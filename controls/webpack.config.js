"use strict";

/**
 * Merged by pcf-scripts into its own webpack configuration for every control under controls/
 * (pcf-scripts reads webpack.config.js from the folder above each control's, while featureconfig.json at
 * the project root sets pcfAllowCustomWebpack "on": Microsoft's documented way to customize the build,
 * https://learn.microsoft.com/power-apps/developer/component-framework/dependent-libraries).
 *
 * Production bundles keep no module-path comments: pcf-scripts turns webpack's `pathinfo` on, and in
 * a production build those `/*!` comments become a bundle.js.LICENSE.txt beside the bundle and a
 * banner line in it. bundle.js has a size budget (issue 14: `npm run bench`).
 *
 * Terser (webpack's production minifier, options through `optimization.minimizeOptions.javascript`):
 * - a third compress pass, ES2020 output;
 * - the properties below renamed to short names (terser's `mangle.properties`). Only names of objects
 *   that never leave the bundle are listed: core's provenance records and timeline (core/src/provenance/
 *   types.ts), the control's own load results, props and badge. Every use inside the bundle is renamed
 *   alike, so the code behaves the same. Never list a name that React, Fluent UI, the PCF context, Web API
 *   rows or the platform's grid read or write (`id`, `name`, `state`, `error`, `warning`, `message`, `role`,
 *   `value`, `now`, `entityType` (PCF lookups carry it), …): those would be renamed too.
 *   The browser tests (controls/DualWriteProvenance/test/harness.browser.test.ts, the Sales Hub view
 *   tests) run these minified bundles.
 */
const internalProperties = [
  // core/src/provenance/types.ts: snapshots (fields whose column is named in query.ts, not derived from the name)
  "isCommerceB2BProspect",
  "prospectId",
  "prospectStatus",
  "retailChannel",
  "contactPersonId",
  "sellable",
  "createdByApplicationUser",
  // core/src/provenance/types.ts: snapshot fields that query.ts maps to a named column (never derived from the name)
  "companyName",
  "fullName",
  "stateCode",
  "createdOn",
  "createdBy",
  "modifiedOn",
  "actualCloseDate",
  "accountNumber",
  "customerTypeCode",
  // core/src/provenance/types.ts: ProvenanceRecords (also the link aliases' keys in query.ts)
  "lead",
  "opportunity",
  "account",
  "contact",
  // core/src/provenance/types.ts: the timeline
  "writtenToCommerce",
  "commerceNumber",
  "overdueSince",
  "waitedMinutes",
  "currentStepId",
  "steps",
  "reason",
  "detail",
  "time",
  "links",
  "checks",
  "currentRecord",
  "reviewDeadlineHours",
  "thresholdMinutes",
  "waitedTooLong",
  // core/src/reviewDeadline.ts and core/src/provenance/source.ts
  "hoursOverdue",
  "deadline",
  "decision",
  "leadId",
  "current",
  // core/src/provenance/source.ts: what the form gives decideProvenanceSource
  "formEntity",
  "formRecordId",
  "boundText",
  "boundLookup",
  "commerceFlag",
  // controls/*/src: load results, the badge's stage
  "records",
  "kind",
  "stage",
  "overdue",
  "badge",
  "marker",
];

module.exports = {
  output: { pathinfo: false },
  optimization: {
    minimizeOptions: {
      javascript: {
        // ecma 2020 (Safari 13 and later run it, see controls/tsconfig.json): lets terser write arrows and
        // shorter forms; unsafe_arrows turns function expressions that never use `this`, `arguments` or
        // `new` into arrows (none of ours is constructed); pure_getters: no getter of ours has side effects.
        ecma: 2020,
        compress: { passes: 3, ecma: 2020, unsafe_arrows: true, pure_getters: true },
        format: { ecma: 2020 },
        // builtins: terser otherwise skips names that are also DOM properties (`kind`, `links`, `reason`,
        // `detail`, `time`, `current`, …); the regex still limits renaming to the list above.
        mangle: { properties: { regex: `^(?:${internalProperties.join("|")})$`, builtins: true } },
      },
    },
  },
};
