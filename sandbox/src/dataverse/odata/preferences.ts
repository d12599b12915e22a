/** The `Prefer` request header: return=representation, odata.include-annotations, odata.maxpagesize. */

export interface Preferences {
  returnRepresentation: boolean;
  maxPageSize?: number;
  /** Whether an annotation term (e.g. `OData.Community.Display.V1.FormattedValue`) was asked for. */
  includes(term: string): boolean;
  /** The include-annotations value as sent, echoed in `Preference-Applied`. */
  annotationsHeader?: string;
}

function matcher(patterns: string[]): (term: string) => boolean {
  const test = (pattern: string, term: string) =>
    pattern === "*" || pattern === term || (pattern.endsWith(".*") && term.startsWith(pattern.slice(0, -1)));
  const include = patterns.filter((p) => !p.startsWith("-"));
  const exclude = patterns.filter((p) => p.startsWith("-")).map((p) => p.slice(1));
  return (term) => include.some((p) => test(p, term)) && !exclude.some((p) => test(p, term));
}

export function parsePreferences(header: string | undefined): Preferences {
  const preferences: Preferences = { returnRepresentation: false, includes: () => false };
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
