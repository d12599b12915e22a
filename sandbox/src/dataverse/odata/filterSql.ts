/** Compiles a parsed `$filter` against one entity's table into a SQL WHERE fragment. */
import { badRequest, ErrorCodes, propertyNotFound, unmodelledColumn } from "../errors";
import { attributeOf, lookupValueAttribute, navigationProperty, type AttributeMetadata, type EntityMetadata } from "../metadata";
import { unmodelledColumnOf } from "../metadata/columnSupport";
import {
  column,
  compare,
  coerce,
  containsPattern,
  endsWithPattern,
  like,
  startsWithPattern,
  type SqlFragment,
} from "../query/sqlCondition";
import type { FilterExpression } from "./filterParser";

/** A property usable in `$filter`/`$orderby`/`$select`: plain columns, and lookups only as `_x_value`. */
export function resolveProperty(entity: EntityMetadata, name: string): AttributeMetadata {
  const lookupAttribute = lookupValueAttribute(entity, name);
  if (lookupAttribute) return lookupAttribute;
  const attribute = attributeOf(entity, name);
  if (attribute && attribute.type !== "lookup") return attribute;
  if (attribute || navigationProperty(entity, name)) {
    throw badRequest(
      `'${name}' is a navigation property of 'Microsoft.Dynamics.CRM.${entity.logicalName}': use '_${attribute?.logicalName ?? name}_value' to filter, sort or select the lookup's id.`,
    );
  }
  // A column of Dataverse's published table that the sandbox does not store is a 501, not "not found".
  const unmodelled = unmodelledColumnOf(entity, name);
  if (unmodelled) throw unmodelledColumn(entity.logicalName, unmodelled);
  throw propertyNotFound(name, entity.logicalName);
}

/**
 * A property a query may filter or sort on: as resolveProperty, but a column that is not valid for read
 * (serviceendpoint `authvalue`) is refused, so its value cannot be probed through a filter either.
 */
export function resolveQueryable(entity: EntityMetadata, name: string): AttributeMetadata {
  const attribute = resolveProperty(entity, name);
  if (attribute.notValidForRead) throw notValidForRead(entity, attribute);
  return attribute;
}

export const notValidForRead = (entity: EntityMetadata, attribute: AttributeMetadata) =>
  badRequest(
    `The attribute '${attribute.logicalName}' of '${entity.logicalName}' is not valid for read (IsValidForRead is false): it is never returned and cannot be used to filter or sort.`,
    ErrorCodes.invalidArgument,
  );

const flip = { eq: "eq", ne: "ne", gt: "lt", ge: "le", lt: "gt", le: "ge" } as const;

export function filterToSql(entity: EntityMetadata, alias: string, expression: FilterExpression): SqlFragment {
  switch (expression.kind) {
    case "and":
    case "or": {
      const left = filterToSql(entity, alias, expression.left);
      const right = filterToSql(entity, alias, expression.right);
      return { sql: `(${left.sql} ${expression.kind.toUpperCase()} ${right.sql})`, params: [...left.params, ...right.params] };
    }
    case "not": {
      const inner = filterToSql(entity, alias, expression.operand);
      return { sql: `NOT (${inner.sql})`, params: inner.params };
    }
    case "function": {
      if (expression.property.kind !== "property" || expression.value.kind !== "literal" || expression.value.type !== "string") {
        throw badRequest(`${expression.name} expects a property and a string literal.`);
      }
      const attribute = resolveQueryable(entity, expression.property.name);
      if (!["string", "memo", "entityname"].includes(attribute.type)) {
        throw badRequest(`The function '${expression.name}' is not supported on '${attribute.logicalName}': it is not a string column.`);
      }
      const text = String(expression.value.value);
      const pattern =
        expression.name === "contains" ? containsPattern(text) : expression.name === "startswith" ? startsWithPattern(text) : endsWithPattern(text);
      return like(column(alias, attribute.logicalName), pattern, false, true);
    }
    case "compare": {
      let { left, right } = expression;
      let operator = expression.operator;
      if (left.kind === "literal" && right.kind === "property") {
        [left, right] = [right, left];
        operator = flip[operator];
      }
      if (left.kind !== "property") throw badRequest(`A $filter comparison needs a property on one side.`);
      const attribute = resolveQueryable(entity, left.name);
      const columnSql = column(alias, attribute.logicalName);
      if (right.kind === "property") {
        const other = resolveQueryable(entity, right.name);
        const sqlOperator = { eq: "=", ne: "<>", gt: ">", ge: ">=", lt: "<", le: "<=" }[operator];
        return { sql: `${columnSql} ${sqlOperator} ${column(alias, other.logicalName)}`, params: [] };
      }
      const value = right.type === "null" ? null : coerce(attribute, right.value, false);
      return compare(columnSql, operator, value);
    }
  }
}
