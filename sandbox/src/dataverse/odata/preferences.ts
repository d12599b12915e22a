/**
 * The `Prefer` request header: return=representation, odata.include-annotations, odata.maxpagesize
 * ("Compose HTTP requests and handle errors", Prefer headers,
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#prefer-headers)
 * and, on `$batch`, odata.continue-on-error ("Execute batch operations using the Web API", Handling errors,
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api#handling-errors).
 * What a response applied is echoed in `Preference-Applied`, one header per preference, as Dataverse writes
 * them (e.g. "Do not use the OData v2.0 endpoint", https://learn.microsoft.com/power-apps/developer/model-driven-apps/best-practices/business-logic/do-not-use-odata-v2-endpoint).
 */

export interface Preferences {
  returnRepresentation: boolean;
  maxPageSize?: number;
  /** `odata.continue-on-error` (or `=true`) on a `$batch`: run every part whatever fails. */
  continueOnError: boolean;
  /** Whether an annotation term (e.g. `OData.Community.Display.V1.FormattedValue`) was asked for. */
  includes(term: string): boolean;
  /** The include-annotations value as sent, echoed in `Preference-Applied`. */
  annotationsHeader?: string;
}

/** The `Preference-Applied` values for what a response honoured, in the order Dataverse writes them. */
export const PreferenceApplied = {
  returnRepresentation: "return=representation",
  maxPageSize: (size: number) => `odata.maxpagesize=${size}`,
  continueOnError: "odata.continue-on-error",
} as const;

function matcher(patterns: string[]): (term: string) => boolean {
  const test = (pattern: string, term: string) =>
    pattern === "*" || pattern === term || (pattern.endsWith(".*") && term.startsWith(pattern.slice(0, -1)));
  const include = patterns.filter((p) => !p.startsWith("-"));
  const exclude = patterns.filter((p) => p.startsWith("-")).map((p) => p.slice(1));
  return (term) => include.some((p) => test(p, term)) && !exclude.some((p) => test(p, term));
}

export function parsePreferences(header: string | undefined): Preferences {
  const preferences: Preferences = { returnRepresentation: false, continueOnError: false, includes: () => false };
  if (!header) return preferences;
  // Preferences are comma separated, but include-annotations' quoted value may itself hold commas.
  const parts = header.match(/[^,"]+(?:"[^"]*")?/g) ?? [];
  for (const raw of parts) {
    const part = raw.trim();
    const [name, ...valueParts] = part.split("=");
    const value = valueParts.join("=").trim().replace(/^"|"$/g, "");
    switch (name.trim().toLowerCase()) {
      case "return":
        preferences.returnRepresentation = value === "representation";
        break;
      case "odata.include-annotations":
        preferences.includes = matcher(value.split(",").map((p) => p.trim()));
        preferences.annotationsHeader = part;
        break;
      case "odata.maxpagesize": {
        const size = Number(value);
        if (Number.isInteger(size) && size > 0) preferences.maxPageSize = size;
        break;
      }
      case "odata.continue-on-error":
      case "continue-on-error":
        // OData 4.0 part 1, 8.2.8.3: the preference alone or `=true` asks for it; `=false` does not.
        preferences.continueOnError = value === "" || value.toLowerCase() === "true";
        break;
    }
  }
  return preferences;
}

export const Annotations = {
  formattedValue: "OData.Community.Display.V1.FormattedValue",
  lookupLogicalName: "Microsoft.Dynamics.CRM.lookuplogicalname",
  associatedNavigationProperty: "Microsoft.Dynamics.CRM.associatednavigationproperty",
  totalRecordCount: "Microsoft.Dynamics.CRM.totalrecordcount",
  totalRecordCountLimitExceeded: "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded",
} as const;
