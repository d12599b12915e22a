/**
 * System charts and system dashboards in customizations.xml, as Dataverse stores them:
 * - `<Entities><Entity><Visualizations><visualization>` → `savedqueryvisualization` (entity set
 *   `savedqueryvisualizations`): `datadescription` is the `<datadefinition>`, `presentationdescription` the
 *   `<Chart>`, `primaryentitytypecode` the entity the chart sits under
 *   (learn.microsoft.com/power-apps/developer/data-platform/reference/entities/savedqueryvisualization);
 * - `<Dashboards><Dashboard>` → `systemform` of `type` 0 (Dashboard, systemform.md Type options) with the
 *   `<form>` as `formxml`, served from `systemforms` like any other form.
 * The XML is kept as written: the Sales Hub renders both from it.
 */
import { XMLSerializer, type Element } from "@xmldom/xmldom";
import { childElements, childText, firstChild } from "../../xml";
import { importRefused, localized } from "../solutionPackage";
import { bit, guidOf, type ComponentRow } from "./types";

const serialize = (element: Element): string => new XMLSerializer().serializeToString(element);

/** systemform `type` of a dashboard. */
export const DASHBOARD_FORM_TYPE = 0;

export function visualizations(customizations: Element): ComponentRow[] {
  const container = firstChild(customizations, "Entities");
  if (!container) return [];
  return childElements(container, "Entity").flatMap((entity) => {
    const logicalName = (childText(entity, "Name") ?? "").trim().toLowerCase();
    const charts = firstChild(entity, "Visualizations");
    return (charts ? childElements(charts, "visualization") : []).map((chart) => {
      const id = guidOf(childText(chart, "savedqueryvisualizationid"));
      const data = firstChild(chart, "datadescription");
      const definition = data && firstChild(data, "datadefinition");
      const presentation = firstChild(chart, "presentationdescription");
      const chartXml = presentation && firstChild(presentation, "Chart");
      if (!id || !definition) throw importRefused(`A chart of entity '${logicalName}' has no savedqueryvisualizationid or no datadescription.`);
      const fetch = firstChild(firstChild(definition, "fetchcollection") ?? definition, "fetch");
      const fetchEntity = fetch && firstChild(fetch, "entity");
      if (!fetchEntity || (fetchEntity.getAttribute("name") ?? "").toLowerCase() !== logicalName) {
        throw importRefused(`The chart ${id} of entity '${logicalName}' must query '${logicalName}' in its datadescription.`);
      }
      return {
        entity: "savedqueryvisualization",
        record: {
          savedqueryvisualizationid: id,
          name: localized(chart, "LocalizedNames", "LocalizedName") ?? id,
          description: localized(chart, "Descriptions", "Description"),
          primaryentitytypecode: logicalName,
          datadescription: serialize(definition),
          presentationdescription: chartXml ? serialize(chartXml) : null,
          charttype: 0,
          isdefault: bit(childText(chart, "isdefault")),
        },
      };
    });
  });
}

export function dashboards(customizations: Element): ComponentRow[] {
  const container = firstChild(customizations, "Dashboards");
  if (!container) return [];
  return childElements(container, "Dashboard").map((dashboard) => {
    const formid = guidOf(childText(dashboard, "FormId"));
    const forms = firstChild(firstChild(dashboard, "FormXml") ?? dashboard, "forms");
    const body = forms && firstChild(forms, "form");
    if (!formid || !body || forms.getAttribute("type") !== "dashboard") {
      throw importRefused("A Dashboard in customizations.xml needs a FormId and a <FormXml><forms type=\"dashboard\"><form>.");
    }
    return {
      entity: "systemform",
      record: {
        formid,
        name: localized(dashboard, "LocalizedNames", "LocalizedName") ?? formid,
        description: localized(dashboard, "Descriptions", "Description"),
        objecttypecode: "none",
        type: DASHBOARD_FORM_TYPE,
        formxml: serialize(body),
        formactivationstate: 1,
        isdefault: bit(childText(dashboard, "IsDefault")),
      },
    };
  });
}
