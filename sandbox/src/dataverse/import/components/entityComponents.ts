/** Per-entity components in customizations.xml: system forms, saved queries (views) and the ribbon diff. */
import { XMLSerializer, type Element } from "@xmldom/xmldom";
import { entityByLogicalName } from "../../metadata";
import { deterministicId } from "../../storage/seed";
import { attribute, childElements, childText, firstChild } from "../../xml";
import { importRefused, localized } from "../solutionPackage";
import { bit, guidOf, type ComponentRow } from "./types";

const FORM_TYPES: Record<string, number> = { main: 2, mobile: 5, quick: 6, quickCreate: 7, card: 11 };

const serialize = (element: Element): string => new XMLSerializer().serializeToString(element);

function forms(logicalName: string, entity: Element): ComponentRow[] {
  const formXml = firstChild(entity, "FormXml");
  if (!formXml) return [];
  return childElements(formXml, "forms").flatMap((group) => {
    const typeName = attribute(group, "type") ?? "main";
    const type = FORM_TYPES[typeName];
    if (type === undefined) throw importRefused(`The form type '${typeName}' of entity '${logicalName}' is not known.`);
    return childElements(group, "systemform").map((form) => {
      const formid = guidOf(childText(form, "formid"));
      const body = firstChild(form, "form");
      if (!formid || !body) throw importRefused(`A ${typeName} form of entity '${logicalName}' has no formid or no form element.`);
      return {
        entity: "systemform",
        record: {
          formid,
          name: localized(form, "LocalizedNames", "LocalizedName") ?? formid,
          description: localized(form, "Descriptions", "Description"),
          objecttypecode: logicalName,
          type,
          formxml: serialize(body),
          formactivationstate: Number(childText(form, "FormActivationState") ?? "1"),
          isdefault: bit(childText(form, "IsDefault")),
        },
      };
    });
  });
}

function views(logicalName: string, entity: Element): ComponentRow[] {
  const container = firstChild(entity, "SavedQueries");
  const list = container && firstChild(container, "savedqueries");
  if (!list) return [];
  return childElements(list, "savedquery").map((view) => {
    const savedqueryid = guidOf(childText(view, "savedqueryid"));
    const fetchContainer = firstChild(view, "fetchxml");
    const fetch = fetchContainer && firstChild(fetchContainer, "fetch");
    if (!savedqueryid || !fetch) throw importRefused(`A view of entity '${logicalName}' has no savedqueryid or no fetchxml.`);
    const layoutContainer = firstChild(view, "layoutxml");
    const grid = layoutContainer && firstChild(layoutContainer, "grid");
    const columnSetContainer = firstChild(view, "columnsetxml");
    const columnSet = columnSetContainer && childElements(columnSetContainer)[0];
    return {
      entity: "savedquery",
      record: {
        savedqueryid,
        name: localized(view, "LocalizedNames", "LocalizedName") ?? savedqueryid,
        description: localized(view, "Descriptions", "Description"),
        returnedtypecode: logicalName,
        fetchxml: serialize(fetch),
        layoutxml: grid ? serialize(grid) : null,
        columnsetxml: columnSet ? serialize(columnSet) : null,
        querytype: Number(childText(view, "querytype") ?? "0"),
        isdefault: bit(childText(view, "isdefault")),
        isquickfindquery: bit(childText(view, "isquickfindquery")),
        iscustomizable: bit(childText(view, "IsCustomizable") ?? "1"),
      },
    };
  });
}

function ribbon(solutionName: string, logicalName: string, entity: Element): ComponentRow[] {
  const diff = firstChild(entity, "RibbonDiffXml");
  if (!diff || childElements(diff).length === 0) return [];
  return [
    {
      entity: "ribboncustomization",
      record: {
        ribboncustomizationid: deterministicId(`ribbon:${solutionName}:${logicalName}`),
        entity: logicalName,
        ribbondiffxml: serialize(diff),
      },
    },
  ];
}

/** Reads `<Entities><Entity>`; every entity must exist in the environment or be created by the solution (./customTables). */
export function entityComponents(solutionName: string, customizations: Element): ComponentRow[] {
  const container = firstChild(customizations, "Entities");
  if (!container) return [];
  return childElements(container, "Entity").flatMap((entity) => {
    const logicalName = (childText(entity, "Name") ?? "").trim().toLowerCase();
    if (!entityByLogicalName(logicalName)) {
      throw importRefused(`The entity '${logicalName}' in customizations.xml does not exist in this environment, and the solution does not create it (no <EntityInfo> with a primary key column).`);
    }
    return [...forms(logicalName, entity), ...views(logicalName, entity), ...ribbon(solutionName, logicalName, entity)];
  });
}
