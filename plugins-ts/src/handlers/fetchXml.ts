/**
 * The FetchXML the handlers send: one entity, its columns, `eq` conditions, and link-entities (inner or
 * outer, each with its own columns and conditions, nested), so that what one decision needs of several
 * related rows comes back in ONE Web API request (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/join-tables).
 *
 * The Web API names the columns of the result as it names them everywhere: a root lookup `_x_value`, a
 * linked column `<alias>.<column>` (a linked lookup's value is the id), and leaves null columns out. A
 * root row carries its `@odata.etag`; linked rows carry none.
 */
import type { WebApiRecord } from "../dataverse/client";
import { normalizeGuid } from "../executionContext";

export interface FetchLink {
  /** The related table's logical name. */
  name: string;
  /** Its column that must equal the parent's `to` column. */
  from: string;
  to: string;
  alias: string;
  type: "inner" | "outer";
  columns: readonly string[];
  /** column → value, all of which must hold (in the link's ON clause: an outer link without a match stays empty). */
  where?: Record<string, string>;
  links?: readonly FetchLink[];
}

export interface FetchQuery {
  entity: string;
  columns: readonly string[];
  where: Record<string, string>;
  links?: readonly FetchLink[];
  /** Root columns to sort on, newest first. */
  orderDescending?: readonly string[];
  /** An `or` of `column eq value` conditions, alongside `where`. */
  whereAny?: readonly [string, string][];
  top?: number;
}

const escape = (value: string): string => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

const condition = (column: string, value: string): string => `<condition attribute="${column}" operator="eq" value="${escape(value)}"/>`;

function filter(where: Record<string, string> | undefined): string {
  const conditions = Object.entries(where ?? {});
  return conditions.length === 0 ? "" : `<filter>${conditions.map(([column, value]) => condition(column, value)).join("")}</filter>`;
}

function link(l: FetchLink): string {
  return [
    `<link-entity name="${l.name}" from="${l.from}" to="${l.to}" link-type="${l.type}" alias="${l.alias}">`,
    ...l.columns.map((c) => `<attribute name="${c}"/>`),
    filter(l.where),
    ...(l.links ?? []).map(link),
    `</link-entity>`,
  ].join("");
}

export function fetchXml(query: FetchQuery): string {
  const any = query.whereAny && query.whereAny.length > 0 ? `<filter type="or">${query.whereAny.map(([c, v]) => condition(c, v)).join("")}</filter>` : "";
  return [
    query.top === undefined ? "<fetch>" : `<fetch top="${query.top}">`,
    `<entity name="${query.entity}">`,
    ...query.columns.map((c) => `<attribute name="${c}"/>`),
    ...(query.orderDescending ?? []).map((c) => `<order attribute="${c}" descending="true"/>`),
    filter(query.where),
    any,
    ...(query.links ?? []).map(link),
    `</entity>`,
    `</fetch>`,
  ].join("");
}

/** `<entitySet>?fetchXml=…`, the query part a DataverseClient's retrieveMultiple takes (ids and names only: nothing to escape beyond what the client encodes). */
export const fetchQuery = (query: FetchQuery): string => `fetchXml=${fetchXml(query)}`;

/** Reads one row of a FetchXML result: root columns by name, linked ones by alias. */
export class FetchRow {
  constructor(readonly row: WebApiRecord) {}

  /** A root column (a lookup: `_x_value`) or, with an alias, a linked one. */
  value(column: string, alias?: string): unknown {
    if (alias !== undefined) return this.row[`${alias}.${column}`] ?? null;
    return this.row[column] ?? this.row[`_${column}_value`] ?? null;
  }

  text(column: string, alias?: string): string | null {
    const value = this.value(column, alias);
    return typeof value === "string" && value !== "" ? value : null;
  }

  integer(column: string, alias?: string): number | null {
    const value = this.value(column, alias);
    return typeof value === "number" ? value : null;
  }

  boolean(column: string, alias?: string): boolean | null {
    const value = this.value(column, alias);
    return typeof value === "boolean" ? value : null;
  }

  id(column: string, alias?: string): string | null {
    const value = this.value(column, alias);
    return typeof value === "string" ? normalizeGuid(value) : null;
  }

  /** Whether an outer link found its row (its primary key, never null, came back). */
  has(alias: string, idColumn: string): boolean {
    return this.id(idColumn, alias) !== null;
  }

  get etag(): string | null {
    const etag = this.row["@odata.etag"];
    return typeof etag === "string" && etag !== "" ? etag : null;
  }
}
