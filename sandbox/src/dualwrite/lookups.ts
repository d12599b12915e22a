import type { LookupBinding } from "./maps";
import { odataString, query, type WebApiClient } from "./webApiClient";

/**
 * Resolves `nav.key` lookups both ways (key value → row id to bind; row id → key value to send to
 * finance and operations), caching answers for the life of one sync run.
 */
export class LookupResolver {
  private readonly ids = new Map<string, string>();
  private readonly keys = new Map<string, string | null>();

  constructor(private readonly client: WebApiClient) {}

  async idOf(binding: LookupBinding, keyColumn: string, keyValue: string): Promise<string> {
    const cacheKey = `${binding.entitySet}|${keyColumn}|${keyValue}`;
    const cached = this.ids.get(cacheKey);
    if (cached) return cached;
    const rows = await this.client.list(
      query(binding.entitySet, { $select: binding.primaryId, $filter: `${keyColumn} eq ${odataString(keyValue)}`, $top: 1 }),
    );
    const id = rows[0]?.[binding.primaryId];
    // Dual-write fails the record when a lookup's target has not been synchronized yet.
    if (typeof id !== "string") throw new Error(`Lookup ${binding.entitySet}.${keyColumn} = '${keyValue}' was not found in Dataverse.`);
    this.ids.set(cacheKey, id);
    return id;
  }

  async keyOf(binding: LookupBinding, keyColumn: string, id: string): Promise<string | null> {
    const cacheKey = `${binding.entitySet}|${keyColumn}|${id}`;
    if (this.keys.has(cacheKey)) return this.keys.get(cacheKey) ?? null;
    const row = await this.client.get(`${binding.entitySet}(${id})?$select=${keyColumn}`);
    const key = typeof row[keyColumn] === "string" ? (row[keyColumn] as string) : null;
    this.keys.set(cacheKey, key);
    return key;
  }
}
