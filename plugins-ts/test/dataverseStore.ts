/**
 * Test double for Dataverse: rows kept the way the Web API returns them (lookups as `_x_value`),
 * PATCH semantics of the Web API (`@odata.bind`, If-Match: * for update, upsert otherwise) and the
 * `$filter=prop eq value` queries the handlers make. Served two ways: in memory (inMemoryClient) and
 * over HTTP in the Web API's wire format (stubServer.ts).
 */
import type { DataverseClient, WebApiRecord } from "../src/dataverse/client";
import { DataverseError } from "../src/dataverse/errors";

const primaryKeys: Record<string, string> = {
  leads: "leadid",
  opportunities: "opportunityid",
  accounts: "accountid",
  contacts: "contactid",
  annotations: "annotationid",
  systemusers: "systemuserid",
  usersettingscollection: "systemuserid",
};

export type Write = { method: "PATCH"; entitySet: string; id: string; data: WebApiRecord; upsert: boolean };

export class DataverseStore {
  readonly tables = new Map<string, Map<string, WebApiRecord>>();
  /** Every write, in order. */
  readonly writes: Write[] = [];
  /** Every read, as `entitySet(id)` or `entitySet?query`. */
  readonly reads: string[] = [];

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
  }

  get(entitySet: string, id: string): WebApiRecord | undefined {
    return this.table(entitySet).get(id);
  }

  retrieve(entitySet: string, id: string, select: readonly string[]): WebApiRecord | null {
    this.reads.push(`${entitySet}(${id})`);
    const row = this.table(entitySet).get(id);
    if (!row) return null;
    return Object.fromEntries(select.map((column) => [column, row[column] ?? null]));
  }

  query(entitySet: string, query: string): WebApiRecord[] {
    this.reads.push(`${entitySet}?${query}`);
    const params = new URLSearchParams(query);
    const select = (params.get("$select") ?? "").split(",").filter(Boolean);
    const filter = /^(\w+) eq '?([^']*)'?$/.exec(params.get("$filter") ?? "");
    const top = Number(params.get("$top") ?? Infinity);
    return [...this.table(entitySet).values()]
      .filter((row) => !filter || String(row[filter[1]]) === filter[2])
      .slice(0, top)
      .map((row) => Object.fromEntries(select.map((column) => [column, row[column] ?? null])));
  }

  /** PATCH: false when `mustExist` and the row is not there. */
  patch(entitySet: string, id: string, data: WebApiRecord, mustExist: boolean): boolean {
    const table = this.table(entitySet);
    const existing = table.get(id);
    if (!existing && mustExist) return false;
    this.writes.push({ method: "PATCH", entitySet, id, data, upsert: !mustExist });
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
    return true;
  }

  writesTo(entitySet: string): Write[] {
    return this.writes.filter((w) => w.entitySet === entitySet);
  }
}

/** The store as an injected DataverseClient, without HTTP. */
export function inMemoryClient(store: DataverseStore): DataverseClient {
  return {
    retrieve: async (entitySet, id, select) => store.retrieve(entitySet, id, select),
    retrieveMultiple: async (entitySet, query) => store.query(entitySet, query),
    update: async (entitySet, id, data) => {
      if (!store.patch(entitySet, id, data, true)) throw new DataverseError(`${entitySet}(${id}) does not exist.`, 404, "0x80040217", false);
    },
    upsert: async (entitySet, id, data) => {
      store.patch(entitySet, id, data, false);
    },
  };
}
