/**
 * Test double for Dataverse: rows kept the way the Web API returns them (lookups as `_x_value`),
 * PATCH semantics of the Web API (`@odata.bind`, If-Match: * for update, upsert otherwise), change sets
 * (all writes or none), and the `$filter=prop eq value` queries the handlers make (plus `$expand` of a
 * one-to-many relationship and the FetchXML subset described at `fetch`). Served two ways: in memory
 * (inMemoryClient) and over HTTP in the Web API's wire format (stubServer.ts).
 */
import { DOMParser, type Element } from "@xmldom/xmldom";
import type { BatchReadAnswer, ChangeSetWrite, DataverseCallStats, DeliveryDataverseClient, WebApiRecord } from "../src/dataverse/client";
import { DataverseError } from "../src/dataverse/errors";

const primaryKeys: Record<string, string> = {
  leads: "leadid",
  opportunities: "opportunityid",
  accounts: "accountid",
  contacts: "contactid",
  annotations: "annotationid",
  systemusers: "systemuserid",
  usersettingscollection: "systemuserid",
  environmentvariabledefinitions: "environmentvariabledefinitionid",
  environmentvariablevalues: "environmentvariablevalueid",
  roles: "roleid",
  teams: "teamid",
  systemuserrolescollection: "systemuserroleid",
  teamrolescollection: "teamroleid",
  teammemberships: "teammembershipid",
};

/** Logical name → entity set, for FetchXML (which names tables by logical name). */
const entitySets: Record<string, string> = {
  lead: "leads",
  opportunity: "opportunities",
  account: "accounts",
  contact: "contacts",
  annotation: "annotations",
  systemuser: "systemusers",
  usersettings: "usersettingscollection",
  environmentvariabledefinition: "environmentvariabledefinitions",
  environmentvariablevalue: "environmentvariablevalues",
  role: "roles",
  team: "teams",
  systemuserroles: "systemuserrolescollection",
  teamroles: "teamrolescollection",
  teammembership: "teammemberships",
};

/** One-to-many relationships `$expand` can follow: the child set and its lookup to the parent. */
const oneToMany: Record<string, { childSet: string; lookup: string }> = {
  environmentvariabledefinition_environmentvariablevalue: { childSet: "environmentvariablevalues", lookup: "_environmentvariabledefinitionid_value" },
};

/** A column's value by logical name: plain columns as stored, lookups from their `_x_value` property. */
function columnValue(row: WebApiRecord | null, name: string): unknown {
  if (row === null) return null;
  return name in row ? row[name] : (row[`_${name}_value`] ?? null);
}

const same = (a: unknown, b: string): boolean => a !== null && a !== undefined && String(a).toLowerCase() === b.toLowerCase();

/** A link-entity alias (the root is "") → the row it matched in one result tuple (null: an outer link without a match). */
type Tuple = Map<string, WebApiRecord | null>;

function children(element: Element, tag: string): Element[] {
  return Array.from(element.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === tag);
}

export type Write = { method: "PATCH"; entitySet: string; id: string; data: WebApiRecord; upsert: boolean };

/** A PATCH's preconditions, as the Web API reads them from If-Match / If-None-Match. */
export interface PatchCondition {
  /** `If-Match`: "*" (the row must exist) or an ETag (the row must still be at that version). */
  ifMatch?: string;
  /** `If-None-Match: *`: the row must not exist (create only). */
  ifNoneMatch?: boolean;
}

export type PatchResult = "written" | "notFound" | "preconditionFailed";

/** A write of a change set as the store takes it. */
export interface ChangeSetPatch {
  entitySet: string;
  id: string;
  data: WebApiRecord;
  condition: PatchCondition;
}

export class DataverseStore {
  readonly tables = new Map<string, Map<string, WebApiRecord>>();
  /** Every write, in order. */
  readonly writes: Write[] = [];
  /** The writes of every change set that was carried out, one entry per change set. */
  readonly changeSets: Write[][] = [];
  /** Every read, as `entitySet(id)` or `entitySet?query`. */
  readonly reads: string[] = [];
  /** The reads sent together in one `$batch` (readBatch of more than one), one entry per batch. */
  readonly readBatches: string[][] = [];
  /** Row versions (the Web API's `@odata.etag` is `W/"<version>"`): 1 when seeded, +1 per write. */
  private readonly versions = new Map<string, number>();

  etag(entitySet: string, id: string): string {
    return `W/"${this.versions.get(`${entitySet}(${id})`) ?? 1}"`;
  }

  table(entitySet: string): Map<string, WebApiRecord> {
    let table = this.tables.get(entitySet);
    if (!table) {
      table = new Map();
      this.tables.set(entitySet, table);
    }
    return table;
  }

  /** Seeds a row; `values` in Web API form (use `_x_value` for lookups). */
  put(entitySet: string, id: string, values: WebApiRecord): void {
    this.table(entitySet).set(id, { [primaryKeys[entitySet] ?? "id"]: id, ...values });
    this.versions.set(`${entitySet}(${id})`, 1);
  }

  get(entitySet: string, id: string): WebApiRecord | undefined {
    return this.table(entitySet).get(id);
  }

  retrieve(entitySet: string, id: string, select: readonly string[]): WebApiRecord | null {
    this.reads.push(`${entitySet}(${id})`);
    const row = this.table(entitySet).get(id);
    if (!row) return null;
    return { "@odata.etag": this.etag(entitySet, id), ...Object.fromEntries(select.map((column) => [column, row[column] ?? null])) };
  }

  query(entitySet: string, query: string): WebApiRecord[] {
    this.reads.push(`${entitySet}?${query}`);
    const params = new URLSearchParams(query);
    const fetchXml = params.get("fetchXml");
    if (fetchXml !== null) return this.fetch(entitySet, fetchXml);
    const select = (params.get("$select") ?? "").split(",").filter(Boolean);
    const filter = /^(\w+) eq '?([^']*)'?$/.exec(params.get("$filter") ?? "");
    const top = Number(params.get("$top") ?? Infinity);
    const expand = /^(\w+)\(\$select=([\w,]+)\)$/.exec(params.get("$expand") ?? "");
    if (params.has("$expand") && !(expand && oneToMany[expand[1]])) throw new Error(`DataverseStore: unsupported $expand '${params.get("$expand")}'`);
    return [...this.table(entitySet).values()]
      .filter((row) => !filter || String(row[filter[1]]) === filter[2])
      .slice(0, top)
      .map((row) => {
        const shaped: WebApiRecord = Object.fromEntries(select.map((column) => [column, row[column] ?? null]));
        if (expand) {
          const { childSet, lookup } = oneToMany[expand[1]];
          const parentId = String(row[primaryKeys[entitySet]]);
          const columns = expand[2].split(",");
          shaped[expand[1]] = [...this.table(childSet).values()]
            .filter((child) => same(child[lookup], parentId))
            .map((child) => Object.fromEntries(columns.map((column) => [column, child[column] ?? null])));
        }
        return shaped;
      });
  }

  /**
   * `?fetchXml=`: the subset the handlers send — attributes of the root entity (lookups named
   * `_x_value`, each row with its `@odata.etag`) and of nested inner/outer link-entities (named
   * `<alias>.<column>`, lookups as the id, null columns left out, as the Web API answers), filters
   * (and/or) of eq/ne/null/not-null conditions on the root, on a link (in the link), or on a link alias
   * (`entityname`), `order` on root attributes, `top`. One row per combination of matching rows. Anything
   * else throws, so a handler sending more than this double evaluates fails its test instead of passing
   * on a wrong answer.
   */
  private fetch(entitySet: string, fetchXml: string): WebApiRecord[] {
    const fetch = new DOMParser().parseFromString(fetchXml, "text/xml").documentElement!;
    const [entity] = children(fetch, "entity");
    const name = entity?.getAttribute("name") ?? "";
    if (fetch.tagName !== "fetch" || entitySets[name] !== entitySet) throw new Error(`DataverseStore: FetchXML for '${name}' sent to '${entitySet}'`);
    for (const attribute of ["aggregate", "count", "page", "distinct"]) {
      if (fetch.hasAttribute(attribute)) throw new Error(`DataverseStore: FetchXML '${attribute}' is not evaluated`);
    }
    const only = (element: Element, allowed: string[]) => {
      for (const child of Array.from(element.childNodes).filter((n): n is Element => n.nodeType === 1)) {
        if (!allowed.includes(child.tagName)) throw new Error(`DataverseStore: FetchXML <${child.tagName}> in <${element.tagName}> is not evaluated`);
      }
    };
    only(entity, ["attribute", "filter", "link-entity", "order"]);
    let tuples: Tuple[] = [...this.table(entitySet).values()].map((row) => new Map([["", row]]));
    const links: { alias: string; columns: string[] }[] = [];
    const join = (parent: Element, parentAlias: string) => {
      for (const link of children(parent, "link-entity")) {
        only(link, ["attribute", "filter", "link-entity"]);
        const alias = link.getAttribute("alias");
        const linkType = link.getAttribute("link-type") ?? "inner";
        const set = entitySets[link.getAttribute("name") ?? ""];
        if (!alias || !set || (linkType !== "inner" && linkType !== "outer")) throw new Error("DataverseStore: link-entity needs an alias, a known table and link-type inner/outer");
        if (links.some((l) => l.alias === alias)) throw new Error(`DataverseStore: link alias '${alias}' used twice`);
        links.push({ alias, columns: children(link, "attribute").map((a) => a.getAttribute("name") ?? "") });
        const from = link.getAttribute("from") ?? "";
        const to = link.getAttribute("to") ?? "";
        const filters = children(link, "filter");
        tuples = tuples.flatMap((tuple) => {
          const parentRow = tuple.get(parentAlias) ?? null;
          const matches = parentRow === null
            ? []
            : [...this.table(set).values()].filter(
                (row) => same(columnValue(row, from), String(columnValue(parentRow, to))) && filters.every((f) => this.matches(f, new Map([["", row]]))),
              );
          if (matches.length === 0) return linkType === "outer" ? [new Map([...tuple, [alias, null]])] : [];
          return matches.map((row) => new Map([...tuple, [alias, row]]));
        });
        join(link, alias);
      }
    };
    join(entity, "");
    const filters = children(entity, "filter");
    const top = Number(fetch.getAttribute("top") ?? Infinity);
    const select = children(entity, "attribute").map((a) => a.getAttribute("name") ?? "");
    const selected = tuples.filter((tuple) => filters.every((f) => this.matches(f, tuple)));
    for (const order of children(entity, "order").reverse()) {
      const column = order.getAttribute("attribute") ?? "";
      const direction = order.getAttribute("descending") === "true" ? -1 : 1;
      const key = (tuple: Tuple) => columnValue(tuple.get("") ?? null, column);
      // Stable: the later orders were applied first. Nulls sort first, as SQL Server sorts them.
      selected.sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        if (x === y) return 0;
        if (x === null || x === undefined) return -direction;
        if (y === null || y === undefined) return direction;
        return (String(x) < String(y) ? -1 : 1) * direction;
      });
    }
    const idColumn = primaryKeys[entitySet];
    return selected.slice(0, top).map((tuple) => {
      const root = tuple.get("") as WebApiRecord;
      const row: WebApiRecord = { "@odata.etag": this.etag(entitySet, String(root[idColumn])) };
      for (const column of select) row[column in root || !(`_${column}_value` in root) ? column : `_${column}_value`] = columnValue(root, column);
      for (const { alias, columns } of links) {
        const linked = tuple.get(alias) ?? null;
        for (const column of columns) {
          const value = columnValue(linked, column);
          if (value !== null && value !== undefined) row[`${alias}.${column}`] = value;
        }
      }
      return row;
    });
  }

  private matches(filter: Element, tuple: Tuple): boolean {
    const results = [
      ...children(filter, "condition").map((condition) => {
        const alias = condition.getAttribute("entityname") ?? "";
        if (!tuple.has(alias)) throw new Error(`DataverseStore: unknown link alias '${alias}'`);
        const actual = columnValue(tuple.get(alias) ?? null, condition.getAttribute("attribute") ?? "");
        const expected = condition.getAttribute("value") ?? "";
        switch (condition.getAttribute("operator")) {
          case "eq":
            return same(actual, expected);
          case "ne":
            return !same(actual, expected);
          case "null":
            return actual === null;
          case "not-null":
            return actual !== null;
          default:
            throw new Error(`DataverseStore: condition operator '${condition.getAttribute("operator")}' is not evaluated`);
        }
      }),
      ...children(filter, "filter").map((nested) => this.matches(nested, tuple)),
    ];
    if (children(filter, "link-entity").length > 0) throw new Error("DataverseStore: link-entity inside a filter is not evaluated");
    return filter.getAttribute("type") === "or" ? results.some(Boolean) : results.every(Boolean);
  }

  /**
   * PATCH with the Web API's preconditions: `If-Match: *` → the row must exist (404 otherwise);
   * `If-Match: W/"n"` → it must still be at version n (412); `If-None-Match: *` → it must not exist
   * (412); neither → upsert. Only a PATCH that is carried out counts as a write.
   */
  patch(entitySet: string, id: string, data: WebApiRecord, condition: PatchCondition = {}): PatchResult {
    const table = this.table(entitySet);
    const existing = table.get(id);
    const checked = this.precondition(entitySet, id, condition);
    if (checked !== "written") return checked;
    const key = `${entitySet}(${id})`;
    this.versions.set(key, existing ? (this.versions.get(key) ?? 1) + 1 : 1);
    this.writes.push({ method: "PATCH", entitySet, id, data, upsert: condition.ifMatch === undefined });
    const row: WebApiRecord = existing ?? { [primaryKeys[entitySet] ?? "id"]: id };
    for (const [key, value] of Object.entries(data)) {
      if (key.endsWith("@odata.bind")) {
        const navigation = key.slice(0, -"@odata.bind".length);
        const target = /\(([^)]+)\)$/.exec(String(value));
        // objectid_lead@odata.bind → _objectid_value; transactioncurrencyid@odata.bind → _transactioncurrencyid_value
        const column = navigation.startsWith("objectid_") ? "objectid" : navigation;
        row[`_${column}_value`] = target ? target[1] : null;
      } else {
        row[key] = value;
      }
    }
    table.set(id, row);
    return "written";
  }

  /**
   * A `$batch` change set: every precondition holds and all writes are made, or none is. Null when all
   * were written, else the first write that failed and why. A row written twice in one change set is not
   * evaluated (the handlers never do it).
   */
  changeSet(patches: readonly ChangeSetPatch[]): { index: number; result: Exclude<PatchResult, "written"> } | null {
    const keys = patches.map((p) => `${p.entitySet}(${p.id})`);
    if (new Set(keys).size !== keys.length) throw new Error("DataverseStore: a change set writes one row twice");
    for (const [index, patch] of patches.entries()) {
      const result = this.precondition(patch.entitySet, patch.id, patch.condition);
      if (result !== "written") return { index, result };
    }
    const first = this.writes.length;
    for (const patch of patches) this.patch(patch.entitySet, patch.id, patch.data, patch.condition);
    this.changeSets.push(this.writes.slice(first));
    return null;
  }

  private precondition(entitySet: string, id: string, condition: PatchCondition): PatchResult {
    const existing = this.table(entitySet).get(id);
    if (condition.ifMatch !== undefined && !existing) return "notFound";
    if (condition.ifMatch !== undefined && condition.ifMatch !== "*" && condition.ifMatch !== this.etag(entitySet, id)) return "preconditionFailed";
    if (condition.ifNoneMatch && existing) return "preconditionFailed";
    return "written";
  }

  writesTo(entitySet: string): Write[] {
    return this.writes.filter((w) => w.entitySet === entitySet);
  }
}

/** A change set's write as the Web API's preconditions say it: If-Match (update) or If-None-Match (create). */
export function changeSetPatch(write: ChangeSetWrite): ChangeSetPatch {
  return {
    entitySet: write.entitySet,
    id: write.id,
    data: write.data,
    condition: write.kind === "update" ? { ifMatch: write.etag ?? "*" } : { ifNoneMatch: true },
  };
}

/**
 * The store as an injected DataverseClient, without HTTP (the Web API's 404 and 412 as DataverseErrors).
 * Its `stats` count the calls as the Web API client counts them: each read, each write, each change set
 * and each batch of reads is one request. Every read of a batch is in `store.reads`, and the batch as a
 * whole in `store.readBatches`.
 */
export function inMemoryClient(store: DataverseStore): DeliveryDataverseClient {
  const stats: DataverseCallStats = { requests: 0, reads: 0, writes: 0, retries: 0, transientAnswers: [] };
  const read = () => {
    stats.requests += 1;
    stats.reads += 1;
  };
  const write = () => {
    stats.requests += 1;
    stats.writes += 1;
  };
  const fail = (entitySet: string, id: string, result: Exclude<PatchResult, "written">): never => {
    if (result === "notFound") throw new DataverseError(`${entitySet}(${id}) does not exist.`, 404, "0x80040217", false);
    throw new DataverseError(`${entitySet}(${id}) changed since it was read.`, 412, "0x80060882", false);
  };
  return {
    stats,
    retrieve: async (entitySet, id, select) => (read(), store.retrieve(entitySet, id, select)),
    retrieveMultiple: async (entitySet, query) => (read(), store.query(entitySet, query)),
    update: async (entitySet, id, data, options) => {
      write();
      const result = store.patch(entitySet, id, data, { ifMatch: options?.etag ?? "*" });
      if (result !== "written") fail(entitySet, id, result);
    },
    upsert: async (entitySet, id, data) => {
      write();
      store.patch(entitySet, id, data);
    },
    createOnly: async (entitySet, id, data) => (write(), store.patch(entitySet, id, data, { ifNoneMatch: true }) === "written"),
    readBatch: async (reads) => {
      if (reads.length === 0) return [];
      read();
      if (reads.length > 1) store.readBatches.push(reads.map((r) => (r.kind === "retrieve" ? `${r.entitySet}(${r.id})` : `${r.entitySet}?${r.query}`)));
      return reads.map((r): BatchReadAnswer => ({ ok: true, value: r.kind === "retrieve" ? store.retrieve(r.entitySet, r.id, r.select) : store.query(r.entitySet, r.query) }));
    },
    executeChangeSet: async (writes) => {
      if (writes.length === 0) return;
      write();
      const failed = store.changeSet(writes.map(changeSetPatch));
      if (failed) fail(writes[failed.index].entitySet, writes[failed.index].id, failed.result);
    },
  };
}
