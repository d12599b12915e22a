/**
 * Records to Web API JSON: `@odata.etag`, lookups as `_x_value`, and — when the `Prefer` header asks —
 * FormattedValue, lookuplogicalname and associatednavigationproperty annotations placed before the
 * value, as Dataverse writes them.
 */
import { entityByLogicalName, lookupValueName, navigationProperty, type AttributeMetadata, type EntityMetadata } from "../metadata";
import { manyToManyNavigation, oneToManyNavigation, type OneToManyRelationship } from "../metadata/relationships";
import { associatedRows } from "../storage/associations";
import { fromRow, isEntityRef, type RecordData, type RecordStore } from "../storage/records";
import { quote, tableName } from "../storage/schema";
import { formatBoolean, formatDate, formatMoney, formatNumber, optionLabel } from "./formatting";
import { Annotations, type Preferences } from "./preferences";
import { resolveProperty } from "./filterSql";
import type { ExpandItem } from "./queryOptions";
import { notImplemented, propertyNotFound, unmodelledColumn } from "../errors";
import { unmodelledLookupOf } from "../metadata/columnSupport";

export interface SerializeContext {
  store: RecordStore;
  languageId: number;
  preferences: Preferences;
  /** Per-response memo of looked-up names and currencies: a page repeats the same few owners and currencies. */
  memo?: Map<string, unknown>;
}

function memoized<T>(ctx: SerializeContext, key: string, compute: () => T): T {
  if (!ctx.memo) return compute();
  if (!ctx.memo.has(key)) ctx.memo.set(key, compute());
  return ctx.memo.get(key) as T;
}

export type Json = Record<string, unknown>;

export const etag = (record: RecordData): string => `W/"${record.versionnumber ?? 0}"`;

/**
 * The attributes a `$select` names (validated), always with the primary key; all when no `$select`.
 * A column that is not valid for read (serviceendpoint `authvalue`) is left out either way, as Dataverse
 * never returns it.
 */
export function selectedAttributes(entity: EntityMetadata, select: string[] | undefined): AttributeMetadata[] {
  if (!select) return entity.attributes.filter((a) => !a.notValidForRead);
  const chosen = new Set<AttributeMetadata>([resolveProperty(entity, entity.primaryIdAttribute)]);
  for (const name of select) chosen.add(resolveProperty(entity, name));
  return entity.attributes.filter((a) => chosen.has(a) && !a.notValidForRead);
}

function currencyOf(ctx: SerializeContext, record: RecordData): { symbol: string; precision: number } {
  const ref = record.transactioncurrencyid;
  const currencyEntity = entityByLogicalName("transactioncurrency");
  if (!isEntityRef(ref) || !currencyEntity) return { symbol: "", precision: 2 };
  return memoized(ctx, `currency:${ref.id}`, () => {
    const currency = ctx.store.get(currencyEntity, ref.id);
    return currency
      ? { symbol: String(currency.currencysymbol ?? ""), precision: Number(currency.currencyprecision ?? 2) }
      : { symbol: "", precision: 2 };
  });
}

function formatted(ctx: SerializeContext, attribute: AttributeMetadata, value: unknown, record: RecordData): string | undefined {
  switch (attribute.type) {
    case "picklist":
    case "state":
    case "status":
      return optionLabel(attribute, value as number, ctx.languageId);
    case "boolean":
      // An imported yes/no column carries its own labels (its `bit` option set); the modelled ones read Yes/No.
      return attribute.options ? optionLabel(attribute, value ? 1 : 0, ctx.languageId) : formatBoolean(value as boolean, ctx.languageId);
    case "integer":
      return formatNumber(value as number, ctx.languageId);
    case "decimal":
      return formatNumber(value as number, ctx.languageId);
    case "money": {
      const currency = currencyOf(ctx, record);
      return formatMoney(value as number, ctx.languageId, currency.symbol, currency.precision);
    }
    case "datetime":
      return formatDate(value as string, ctx.languageId);
    default:
      return undefined;
  }
}

export function writeAttribute(ctx: SerializeContext, json: Json, attribute: AttributeMetadata, record: RecordData, key?: string): void {
  const value = record[attribute.logicalName] ?? null;
  // Annotation values are computed only when asked for: a lookup's name costs a query per row.
  const annotate = (term: string, annotation: () => unknown, property: string) => {
    if (!ctx.preferences.includes(term)) return;
    const computed = annotation();
    if (computed !== undefined) json[`${property}@${term}`] = computed;
  };
  if (attribute.type === "lookup") {
    const property = key ?? lookupValueName(attribute);
    if (isEntityRef(value)) {
      annotate(
        Annotations.formattedValue,
        () => {
          const target = entityByLogicalName(value.logicalName);
          const name = memoized(ctx, `name:${value.logicalName}:${value.id}`, () => (target ? ctx.store.primaryName(target, value.id) : null));
          return name ?? undefined;
        },
        property,
      );
      annotate(Annotations.associatedNavigationProperty, () => attribute.targets?.find((t) => t.entity === value.logicalName)?.navigationProperty, property);
      annotate(Annotations.lookupLogicalName, () => value.logicalName, property);
      json[property] = value.id;
    } else {
      json[property] = null;
    }
    return;
  }
  const property = key ?? attribute.logicalName;
  if (value !== null) annotate(Annotations.formattedValue, () => formatted(ctx, attribute, value, record), property);
  json[property] = value;
}

export function serializeRecord(
  ctx: SerializeContext,
  entity: EntityMetadata,
  record: RecordData,
  select: string[] | undefined,
  expand: ExpandItem[] = [],
): Json {
  const json: Json = { "@odata.etag": etag(record) };
  for (const attribute of selectedAttributes(entity, select)) writeAttribute(ctx, json, attribute, record);
  for (const item of expand) {
    const collection = oneToManyNavigation(entity.logicalName, item.navigationProperty);
    if (collection) {
      json[item.navigationProperty] = relatedRows(ctx, collection, String(record[entity.primaryIdAttribute])).map((row) =>
        serializeRecord(ctx, entityByLogicalName(collection.referencingEntity) as EntityMetadata, row, item.select),
      );
      continue;
    }
    const manyToMany = manyToManyNavigation(entity.logicalName, item.navigationProperty);
    if (manyToMany) {
      const other = entityByLogicalName(manyToMany.other.entity) as EntityMetadata;
      json[item.navigationProperty] = associatedRows(ctx.store, manyToMany, String(record[entity.primaryIdAttribute])).map((row) =>
        serializeRecord(ctx, other, row, item.select),
      );
      continue;
    }
    const navigation = navigationProperty(entity, item.navigationProperty);
    if (!navigation) throw propertyNotFound(item.navigationProperty, entity.logicalName);
    const ref = record[navigation.attribute.logicalName];
    const target = entityByLogicalName(navigation.target.entity);
    if (!target) throw notImplemented(`expanding '${item.navigationProperty}'`);
    const related = isEntityRef(ref) && ref.logicalName === target.logicalName ? ctx.store.get(target, ref.id) : undefined;
    json[item.navigationProperty] = related ? serializeRecord(ctx, target, related, item.select) : null;
  }
  return json;
}

/** The rows of a one-to-many relationship that point at this record, oldest first. */
function relatedRows(ctx: SerializeContext, relationship: OneToManyRelationship, id: string): RecordData[] {
  const referencing = entityByLogicalName(relationship.referencingEntity) as EntityMetadata;
  const sql = `SELECT * FROM ${quote(tableName(referencing))} WHERE ${quote(relationship.referencingAttribute)} = ? ORDER BY createdon, ${quote(referencing.primaryIdAttribute)}`;
  return (ctx.store.prepare(sql).all(id.toLowerCase()) as Record<string, unknown>[]).map((row) => fromRow(referencing, row));
}

/** Validates `$expand` names before any row is read, so a bad name fails even on an empty result. */
export function validateExpand(entity: EntityMetadata, expand: ExpandItem[]): void {
  for (const item of expand) {
    const collection = oneToManyNavigation(entity.logicalName, item.navigationProperty);
    if (collection) {
      if (item.select) selectedAttributes(entityByLogicalName(collection.referencingEntity) as EntityMetadata, item.select);
      continue;
    }
    const manyToMany = manyToManyNavigation(entity.logicalName, item.navigationProperty);
    if (manyToMany) {
      if (item.select) selectedAttributes(entityByLogicalName(manyToMany.other.entity) as EntityMetadata, item.select);
      continue;
    }
    const navigation = navigationProperty(entity, item.navigationProperty);
    const unmodelledLookup = navigation ? undefined : unmodelledLookupOf(entity, item.navigationProperty);
    if (unmodelledLookup) throw unmodelledColumn(entity.logicalName, unmodelledLookup);
    if (!navigation) {
      // Other collection-valued navigation properties are not modelled: refuse by name rather than guess.
      throw notImplemented(
        `$expand of '${item.navigationProperty}' on ${entity.logicalName} (only single-valued navigation properties and the relationships in metadata/relationships.ts are supported)`,
      );
    }
    const target = entityByLogicalName(navigation.target.entity);
    if (target && item.select) selectedAttributes(target, item.select);
  }
}
