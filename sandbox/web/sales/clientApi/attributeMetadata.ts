import { attributeOf, entityByLogicalName } from "../../../src/dataverse/metadata";
import type { LanguageId, SalesSession } from "../../shared/session";

/** An option of an option set, status reason or two options column, labelled in the user's language. */
export interface OptionInfo {
  value: number;
  text: string;
  /** Status reason options: the status (statecode) they belong to. */
  state?: number;
}

export type AttributeKind = "string" | "memo" | "integer" | "decimal" | "money" | "boolean" | "datetime" | "optionset" | "lookup" | "other";

export interface AttributeInfo {
  logicalName: string;
  kind: AttributeKind;
  /** Client API attribute type (getAttributeType()). */
  clientType: string;
  options: OptionInfo[];
  /** Lookups: the tables and the navigation property to bind each through. */
  targets: { entity: string; navigationProperty: string }[];
}

const KIND: Record<string, [AttributeKind, string]> = {
  string: ["string", "string"],
  memo: ["memo", "memo"],
  integer: ["integer", "integer"],
  bigint: ["integer", "integer"],
  decimal: ["decimal", "decimal"],
  money: ["money", "money"],
  boolean: ["boolean", "boolean"],
  datetime: ["datetime", "datetime"],
  picklist: ["optionset", "optionset"],
  state: ["optionset", "optionset"],
  status: ["optionset", "optionset"],
  lookup: ["lookup", "lookup"],
};

/**
 * Types, lookup targets and option labels of a table's columns, from the sandbox's own metadata
 * registry: the definitions its Web API validates and formats values with. (A real org answers
 * `EntityDefinitions(LogicalName='…')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$expand=OptionSet`;
 * the sandbox's Web API serves only `EntityDefinitions(LogicalName='…')`, and asking anyway would put
 * a failed request on every form load.)
 */
export async function loadAttributeMetadata(_session: SalesSession, entity: string, languageId: LanguageId): Promise<Map<string, AttributeInfo>> {
  const table = entityByLogicalName(entity);
  if (!table) throw new Error(`The table '${entity}' does not exist in this environment.`);
  const result = new Map<string, AttributeInfo>();
  for (const attribute of table.attributes) {
    const [kind, clientType] = KIND[attribute.type] ?? ["other", attribute.type];
    const registryOptions = (attributeOf(table, attribute.logicalName)?.options ?? []).map((o) => ({ value: o.value, text: o.label[languageId], state: o.state }));
    result.set(attribute.logicalName, {
      logicalName: attribute.logicalName,
      kind,
      clientType,
      options: registryOptions,
      targets: (attribute.targets ?? []).map((t) => ({ entity: t.entity, navigationProperty: t.navigationProperty })),
    });
  }
  return result;
}
