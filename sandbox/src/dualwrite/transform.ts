import type { DataverseValue, FieldMapping, FinanceValue, TableMap } from "./maps";

/** A Dataverse-side value to write: a plain column, or a lookup to resolve through its key. */
export type DataverseWrite =
  | { kind: "column"; column: string; value: DataverseValue }
  | { kind: "lookup"; column: string; keyColumn: string; keyValue: string | null };

const toDataverseTypes = new Set(["=", ">", "><", ">>"]);
const toFinanceTypes = new Set(["=", "<", "><", "<<"]);

function mapValue(field: FieldMapping, value: FinanceValue | DataverseValue, toDataverse: boolean): FinanceValue | DataverseValue {
  if (!field.valueMap || value === null) return value;
  const pair = field.valueMap.find(([f, d]) => (toDataverse ? f === value : d === value));
  if (!pair) throw new Error(`${field.finance ?? field.dataverse}: the value ${String(value)} has no entry in the value map.`);
  return toDataverse ? pair[1] : pair[0];
}

/** What a finance and operations record becomes in Dataverse under a map (`=`, `>`, `><`, `>>` fields). */
export function financeToDataverse(map: TableMap, record: Readonly<Record<string, FinanceValue>>): DataverseWrite[] {
  const writes: DataverseWrite[] = [];
  for (const field of map.fields) {
    if (!toDataverseTypes.has(field.type) || field.dataverse === null) continue;
    const value =
      field.type === ">>" ? (field.defaultValue as DataverseValue) : mapValue(field, (record[field.finance as string] ?? null) as FinanceValue, true);
    const dot = field.dataverse.indexOf(".");
    if (dot > 0) {
      writes.push({
        kind: "lookup",
        column: field.dataverse.slice(0, dot),
        keyColumn: field.dataverse.slice(dot + 1),
        keyValue: value === null || value === "" ? null : String(value),
      });
    } else {
      writes.push({ kind: "column", column: field.dataverse, value: value as DataverseValue });
    }
  }
  return writes;
}

/**
 * What a Dataverse record becomes in finance and operations (`=`, `<`, `><`, `<<` fields). `read`
 * returns a column's value; for `nav.key` columns it returns the looked-up record's key value.
 */
export function dataverseToFinance(map: TableMap, read: (dataverseColumn: string) => DataverseValue): Record<string, FinanceValue> {
  const record: Record<string, FinanceValue> = {};
  for (const field of map.fields) {
    if (!toFinanceTypes.has(field.type) || field.finance === null) continue;
    if (field.type === "<<") record[field.finance] = field.defaultValue as FinanceValue;
    else record[field.finance] = mapValue(field, read(field.dataverse as string), false) as FinanceValue;
  }
  return record;
}

/** The Dataverse columns a map reads (`$select`): plain columns, and `_x_value` for lookups. */
export function selectColumns(map: TableMap): string[] {
  const columns = new Set<string>([map.dataversePrimaryId, "modifiedon"]);
  for (const field of map.fields) {
    if (!field.dataverse) continue;
    const dot = field.dataverse.indexOf(".");
    columns.add(dot > 0 ? `_${field.dataverse.slice(0, dot)}_value` : field.dataverse);
  }
  return [...columns];
}
