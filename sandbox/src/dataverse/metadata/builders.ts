/** Small constructors that keep the entity table in entities/*.ts readable. */
import type { AttributeMetadata, AttributeType, Labels, LookupTarget, OptionMetadata, Ownership } from "./types";

export const label = (en: string, fi: string): Labels => ({ 1033: en, 1035: fi });

const simple =
  (type: AttributeType) =>
  (...names: string[]): AttributeMetadata[] =>
    names.map((logicalName) => ({ logicalName, type }));

export const strings = simple("string");
export const memos = simple("memo");
export const integers = simple("integer");
export const decimals = simple("decimal");
export const money = simple("money");
export const booleans = simple("boolean");
export const datetimes = simple("datetime");
export const guids = simple("uniqueidentifier");
export const entityNames = simple("entityname");

export function primaryKey(logicalName: string): AttributeMetadata {
  return { logicalName, type: "uniqueidentifier", systemManaged: true };
}

export function picklist(logicalName: string, options: OptionMetadata[]): AttributeMetadata {
  return { logicalName, type: "picklist", options };
}

export const option = (value: number, en: string, fi: string): OptionMetadata => ({ value, label: label(en, fi) });

/** A single-target lookup whose navigation property has the column's own name. */
/** A lookup; its single-valued navigation property is the column name unless Dataverse names it otherwise. */
export function lookup(logicalName: string, target: string, navigationProperty: string = logicalName): AttributeMetadata {
  return { logicalName, type: "lookup", targets: [{ entity: target, navigationProperty }] };
}

/** A polymorphic (customer / regarding) lookup: one navigation property per target, `<column>_<entity>`. */
export function polymorphic(logicalName: string, targets: string[]): AttributeMetadata {
  const lookupTargets: LookupTarget[] = targets.map((entity) => ({
    entity,
    navigationProperty: `${logicalName}_${entity}`,
  }));
  return { logicalName, type: "lookup", targets: lookupTargets };
}

export interface StateSpec {
  value: number;
  invariantName: string;
  label: Labels;
  defaultStatus: number;
  statuses: { value: number; label: Labels }[];
}

/** `statecode` + `statuscode` with the pairs Dataverse validates. */
export function stateAndStatus(states: StateSpec[]): AttributeMetadata[] {
  return [
    {
      logicalName: "statecode",
      type: "state",
      options: states.map((s) => ({
        value: s.value,
        label: s.label,
        invariantName: s.invariantName,
        defaultStatus: s.defaultStatus,
      })),
    },
    {
      logicalName: "statuscode",
      type: "status",
      options: states.flatMap((s) => s.statuses.map((st) => ({ value: st.value, label: st.label, state: s.value }))),
    },
  ];
}

/** Active/Inactive as most system tables have it. */
export function activeInactive(): AttributeMetadata[] {
  return stateAndStatus([
    {
      value: 0,
      invariantName: "Active",
      label: label("Active", "Aktiivinen"),
      defaultStatus: 1,
      statuses: [{ value: 1, label: label("Active", "Aktiivinen") }],
    },
    {
      value: 1,
      invariantName: "Inactive",
      label: label("Inactive", "Passiivinen"),
      defaultStatus: 2,
      statuses: [{ value: 2, label: label("Inactive", "Passiivinen") }],
    },
  ]);
}

/** createdon/by, modifiedon/by, versionnumber and, for user-owned tables, ownerid. */
export function audit(ownership: Ownership): AttributeMetadata[] {
  const attributes: AttributeMetadata[] = [
    { logicalName: "createdon", type: "datetime", systemManaged: true },
    { ...lookup("createdby", "systemuser"), systemManaged: true },
    { logicalName: "modifiedon", type: "datetime", systemManaged: true },
    { ...lookup("modifiedby", "systemuser"), systemManaged: true },
    { logicalName: "versionnumber", type: "bigint", systemManaged: true },
  ];
  if (ownership === "user") {
    attributes.push({ logicalName: "ownerid", type: "lookup", targets: [{ entity: "systemuser", navigationProperty: "ownerid" }] });
  }
  return attributes;
}

/** Columns solution-aware components carry. */
export function solutionAware(): AttributeMetadata[] {
  return [
    { logicalName: "ismanaged", type: "boolean", systemManaged: true },
    { logicalName: "solutionid", type: "uniqueidentifier", systemManaged: true },
  ];
}

export const address = (prefix: string): AttributeMetadata[] =>
  strings(
    `${prefix}_line1`,
    `${prefix}_line2`,
    `${prefix}_city`,
    `${prefix}_stateorprovince`,
    `${prefix}_postalcode`,
    `${prefix}_country`,
  );
