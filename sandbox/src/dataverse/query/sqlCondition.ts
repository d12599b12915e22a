/**
 * Shared by the OData and FetchXML front-ends: turning one condition on one attribute into SQL, with
 * literals coerced to the attribute's type the way Dataverse coerces them.
 */
import { badRequest } from "../errors";
import { entityByLogicalName, type AttributeMetadata } from "../metadata";
import { quote, tableName, typeColumn } from "../storage/schema";
import { toDataverseDate } from "../storage/records";

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export const column = (alias: string, name: string): string => `${quote(alias)}.${quote(name)}`;

const edmType: Record<AttributeMetadata["type"], string> = {
  uniqueidentifier: "Edm.Guid",
  lookup: "Edm.Guid",
  string: "Edm.String",
  memo: "Edm.String",
  entityname: "Edm.String",
  integer: "Edm.Int32",
  picklist: "Edm.Int32",
  state: "Edm.Int32",
  status: "Edm.Int32",
  bigint: "Edm.Int64",
  decimal: "Edm.Decimal",
  money: "Edm.Decimal",
  boolean: "Edm.Boolean",
  datetime: "Edm.DateTimeOffset",
};

export const edmTypeOf = (attribute: AttributeMetadata): string => edmType[attribute.type];

function parseDate(text: string): string | undefined {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isNaN(date.getTime()) ? undefined : toDataverseDate(date);
}

/**
 * Coerce a literal (from `$filter` typed, or from FetchXML always a string) to the column's storage value.
 * `loose` is FetchXML's rule: every value arrives as text and is parsed by the attribute type.
 */
export function coerce(attribute: AttributeMetadata, value: unknown, loose: boolean): unknown {
  const fail = () =>
    badRequest(
      `A binary operator with incompatible types was detected. Found operand types '${edmTypeOf(attribute)}' and '${
        typeof value === "string" ? "Edm.String" : typeof value === "number" ? "Edm.Int32" : typeof value === "boolean" ? "Edm.Boolean" : "Edm.Guid"
      }' for the property '${attribute.logicalName}'.`,
    );
  switch (attribute.type) {
    case "string":
    case "memo":
    case "entityname":
      if (typeof value !== "string" && !loose) throw fail();
      return String(value);
    case "uniqueidentifier":
    case "lookup": {
      const text = String(value).replace(/^\{|\}$/g, "").toLowerCase();
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text)) throw fail();
      return text;
    }
    case "integer":
    case "bigint":
    case "picklist":
    case "state":
    case "status": {
      const number = typeof value === "number" ? value : loose ? Number(value) : NaN;
      if (!Number.isInteger(number)) throw fail();
      return number;
    }
    case "decimal":
    case "money": {
      const number = typeof value === "number" ? value : loose ? Number(value) : NaN;
      if (Number.isNaN(number)) throw fail();
      return number;
    }
    case "boolean":
      if (typeof value === "boolean") return value ? 1 : 0;
      if (loose && (value === "1" || value === "true")) return 1;
      if (loose && (value === "0" || value === "false")) return 0;
      throw fail();
    case "datetime": {
      const parsed = typeof value === "string" ? parseDate(value) : undefined;
      if (!parsed) throw fail();
      return parsed;
    }
  }
}

const sqlOperator = { eq: "=", ne: "<>", gt: ">", ge: ">=", lt: "<", le: "<=" } as const;

/**
 * A comparison; `ne` keeps rows where the column is empty, as Dataverse's NotEqual does (SQL Server's
 * `<>` alone would drop them).
 */
export function compare(columnSql: string, operator: keyof typeof sqlOperator, param: unknown): SqlFragment {
  if (param === null) {
    if (operator === "eq") return { sql: `${columnSql} IS NULL`, params: [] };
    if (operator === "ne") return { sql: `${columnSql} IS NOT NULL`, params: [] };
    return { sql: "0", params: [] };
  }
  if (operator === "ne") return { sql: `(${columnSql} <> ? OR ${columnSql} IS NULL)`, params: [param] };
  return { sql: `${columnSql} ${sqlOperator[operator]} ?`, params: [param] };
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `escaped`: the pattern came from contains/startswith/endswith; FetchXML `like` passes its wildcards through. */
export function like(columnSql: string, pattern: string, negate: boolean, escaped: boolean): SqlFragment {
  const escape = escaped ? ` ESCAPE '\\'` : "";
  const sql = negate
    ? `(${columnSql} NOT LIKE ?${escape} OR ${columnSql} IS NULL)`
    : `${columnSql} LIKE ?${escape}`;
  return { sql, params: [pattern] };
}

export const containsPattern = (text: string): string => `%${escapeLike(text)}%`;
export const startsWithPattern = (text: string): string => `${escapeLike(text)}%`;
export const endsWithPattern = (text: string): string => `%${escapeLike(text)}`;

export function joinFragments(fragments: SqlFragment[], operator: "AND" | "OR"): SqlFragment {
  if (fragments.length === 0) return { sql: operator === "AND" ? "1" : "0", params: [] };
  return {
    sql: fragments.length === 1 ? fragments[0].sql : `(${fragments.map((f) => f.sql).join(` ${operator} `)})`,
    params: fragments.flatMap((f) => f.params),
  };
}

/**
 * The ORDER BY term for a column. A lookup sorts by the referenced record's primary name, as
 * Dataverse sorts lookup columns (the owner by the owner's name), not by the GUID.
 */
export function orderTerm(alias: string, attribute: AttributeMetadata, descending: boolean): string {
  return `${orderExpression(alias, attribute)} ${descending ? "DESC" : "ASC"}`;
}

/** The value a column sorts by: the column itself, or for a lookup the referenced record's primary name. */
export function orderExpression(alias: string, attribute: AttributeMetadata): string {
  if (attribute.type !== "lookup" || !attribute.targets) return column(alias, attribute.logicalName);
  const branches = attribute.targets.flatMap((target) => {
    const entity = entityByLogicalName(target.entity);
    if (!entity) return [];
    const name = `(SELECT ${quote(entity.primaryNameAttribute)} FROM ${quote(tableName(entity))} WHERE ${quote(entity.primaryIdAttribute)} = ${column(alias, attribute.logicalName)})`;
    return [`WHEN '${entity.logicalName}' THEN ${name}`];
  });
  return `(CASE ${column(alias, typeColumn(attribute))} ${branches.join(" ")} END) COLLATE NOCASE`;
}
