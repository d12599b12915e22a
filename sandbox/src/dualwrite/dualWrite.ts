import { Languages } from "../../../core/src";
import type { CommerceHq } from "../commerce/commerceHq";
import { Currencies, CustomerGroups } from "../commerce/referenceData";
import { financeToCustomer, financeToProspect, prospectToFinance } from "./financeEntities";
import { dualWriteLeadNote } from "./leadNote";
import { LookupResolver } from "./lookups";
import {
  currenciesMap,
  customerGroupsMap,
  customersV3AccountsMap,
  customersV3ContactsMap,
  prospectsLeadsMap,
  type DataverseValue,
  type FinanceValue,
  type TableMap,
} from "./maps";
import { DualWriteState, type SyncError } from "./state";
import { dataverseToFinance, financeToDataverse, selectColumns, type DataverseWrite } from "./transform";
import { odataString, query, WebApiClient, type WebApiRecord } from "./webApiClient";

export interface DualWriteOptions {
  commerce: CommerceHq;
  /** The Dataverse Web API root, e.g. `http://127.0.0.1:5555/api/data/v9.2/`. */
  apiUrl: string;
  /** Bearer token of the dual-write application user: every row dual-write creates is owned by it. */
  accessToken: string;
  now?: () => Date;
  /** Language of the timeline note on created leads (the organization's base language). */
  baseLanguageId?: number;
}

export interface SyncReport {
  leadsCreated: number;
  leadsUpdated: number;
  prospectsUpdated: number;
  customersWritten: number;
  keysWrittenBack: number;
  failed: number;
}

type FinanceRecord = Record<string, FinanceValue>;

const emptyReport = (): SyncReport => ({ leadsCreated: 0, leadsUpdated: 0, prospectsUpdated: 0, customersWritten: 0, keysWrittenBack: 0, failed: 0 });

/**
 * The dual-write runtime between the Commerce simulator and the Dataverse stand-in. It talks to
 * Dataverse only through the Web API, as the dual-write app user. "Live" sync is a poll of each
 * map's rows changed since the last run (`modifiedon`); `syncNow()` runs one pass deterministically.
 */
export class DualWrite {
  private readonly client: WebApiClient;
  private readonly state: DualWriteState;
  private readonly now: () => Date;
  private referenceDataDone = false;
  /** Rows that failed, by `map|id|etag`: re-read at the watermark, they are not retried or reported again until they change. */
  private readonly failedVersions = new Set<string>();
  private running: Promise<SyncReport> = Promise.resolve(emptyReport());
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(private readonly options: DualWriteOptions) {
    this.client = new WebApiClient({ apiUrl: options.apiUrl, accessToken: options.accessToken });
    this.state = new DualWriteState(options.commerce.db);
    this.now = options.now ?? (() => new Date());
  }

  /** One full pass; passes never overlap (a call during a pass runs after it). */
  syncNow(): Promise<SyncReport> {
    const run = this.running.catch(() => undefined).then(() => this.pass());
    this.running = run;
    return run;
  }

  /** Polls every `intervalMs` until `stop()`; a failing pass is recorded and the next one still runs. */
  start(intervalMs = 2000): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = (): void => {
      this.syncNow()
        .catch((error: unknown) => this.state.recordError("(all maps)", "", String(error), this.now()))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running.catch(() => undefined);
  }

  errors(): SyncError[] {
    return this.state.errors();
  }

  private async pass(): Promise<SyncReport> {
    const report = emptyReport();
    const lookups = new LookupResolver(this.client);
    if (!this.referenceDataDone) {
      await this.initialSync(currenciesMap, Currencies);
      await this.initialSync(customerGroupsMap, CustomerGroups);
      this.referenceDataDone = true;
    }
    // Sales → Commerce first, so a Commerce change never overwrites a newer Sales one in the same pass.
    await this.inbound(customersV3AccountsMap, lookups, report, (row, finance) => this.writeCustomer(customersV3AccountsMap, row, finance, report));
    await this.inbound(customersV3ContactsMap, lookups, report, (row, finance) => this.writeCustomer(customersV3ContactsMap, row, finance, report));
    await this.inbound(prospectsLeadsMap, lookups, report, (row, finance) => this.writeProspect(row, finance, report));
    await this.outboundProspects(lookups, report);
    return report;
  }

  /** Reference data: rows missing in Dataverse are created; existing ones are left alone. */
  private async initialSync(map: TableMap, records: readonly FinanceRecord[]): Promise<void> {
    for (const record of records) {
      const key = String(record[map.key.finance]);
      const existing = await this.client.list(
        query(map.dataverseEntitySet, { $select: map.dataversePrimaryId, $filter: `${map.key.dataverse} eq ${odataString(key)}`, $top: 1 }),
      );
      if (existing.length > 0) continue;
      const body: WebApiRecord = {};
      for (const write of financeToDataverse(map, record)) if (write.kind === "column") body[write.column] = write.value;
      await this.client.create(map.dataverseEntitySet, body);
    }
  }

  private async inbound(
    map: TableMap,
    lookups: LookupResolver,
    report: SyncReport,
    apply: (row: WebApiRecord, finance: FinanceRecord) => Promise<string | null>,
  ): Promise<void> {
    const watermark = this.state.watermark(map.name);
    const filter = [map.reversedSourceFilter, watermark ? `modifiedon ge ${watermark}` : ""].filter(Boolean).join(" and ");
    const select = [...selectColumns(map), ...(map === prospectsLeadsMap ? [] : ["_originatingleadid_value"])];
    const rows = await this.client.list(query(map.dataverseEntitySet, { $select: select.join(","), $filter: filter, $orderby: "modifiedon asc" }));
    for (const row of rows) {
      const id = String(row[map.dataversePrimaryId]);
      const etag = typeof row["@odata.etag"] === "string" ? row["@odata.etag"] : null;
      const pair = this.state.pairById(map.name, id);
      const version = `${map.name}|${id}|${etag ?? ""}`;
      // Unchanged since dual-write last read or wrote it (this includes its own writes), or already failed as it is.
      const handled = (pair !== undefined && etag !== null && pair.dataverseEtag === etag) || (etag !== null && this.failedVersions.has(version));
      if (!handled) {
        try {
          const finance = dataverseToFinance(map, await this.reader(map, row, lookups));
          const newEtag = await apply(row, finance);
          this.state.savePair({
            map: map.name,
            dataverseId: id,
            financeKey: String(finance[map.key.finance] ?? pair?.financeKey ?? ""),
            financeSnapshot: finance,
            dataverseEtag: newEtag ?? etag,
          });
        } catch (error) {
          report.failed += 1;
          this.failedVersions.add(version);
          this.state.recordError(map.name, id, error instanceof Error ? error.message : String(error), this.now());
        }
      }
      if (typeof row.modifiedon === "string") this.state.saveWatermark(map.name, row.modifiedon);
    }
  }

  /** A synchronous column reader over a row, with `nav.key` lookups resolved up front. */
  private async reader(map: TableMap, row: WebApiRecord, lookups: LookupResolver): Promise<(column: string) => DataverseValue> {
    const resolved = new Map<string, DataverseValue>();
    for (const field of map.fields) {
      const dot = field.dataverse?.indexOf(".") ?? -1;
      if (!field.dataverse || dot < 0) continue;
      const nav = field.dataverse.slice(0, dot);
      const id = row[`_${nav}_value`];
      resolved.set(field.dataverse, typeof id === "string" ? await lookups.keyOf(map.lookups[nav], field.dataverse.slice(dot + 1), id) : null);
    }
    return (column) => (resolved.has(column) ? (resolved.get(column) as DataverseValue) : ((row[column] ?? null) as DataverseValue));
  }

  /** Customers V3: an account or contact becomes a Commerce customer; its customer account is written back. */
  private async writeCustomer(map: TableMap, row: WebApiRecord, finance: FinanceRecord, report: SyncReport): Promise<string | null> {
    const id = String(row[map.dataversePrimaryId]);
    const { partyType, accountNumber, fields } = financeToCustomer(finance);
    const leadId = row._originatingleadid_value;
    const prospectId = typeof leadId === "string" ? this.state.pairById(prospectsLeadsMap.name, leadId)?.financeKey : undefined;
    const customer = this.options.commerce.upsertCustomer(partyType, accountNumber ?? this.state.pairById(map.name, id)?.financeKey ?? null, {
      ...fields,
      ...(prospectId ? { prospectId } : {}),
    });
    report.customersWritten += 1;
    finance[map.key.finance] = customer.accountNumber;
    if (row[map.key.dataverse] === customer.accountNumber) return null;
    const updated = await this.client.update(map.dataverseEntitySet, id, { [map.key.dataverse]: customer.accountNumber });
    report.keysWrittenBack += 1;
    return typeof updated["@odata.etag"] === "string" ? updated["@odata.etag"] : null;
  }

  /** Prospects (leads), Sales → Commerce: field changes and the prospect status. */
  private async writeProspect(row: WebApiRecord, finance: FinanceRecord, report: SyncReport): Promise<string | null> {
    const prospectId = finance.PROSPECTID;
    const prospect = typeof prospectId === "string" ? this.options.commerce.prospect(prospectId) : undefined;
    if (!prospect) throw new Error(`Lead ${String(row.leadid)} names the prospect ${String(prospectId)}, which Commerce does not have.`);
    const { changes, status } = financeToProspect(finance);
    const before = prospect.rowVersion;
    this.options.commerce.updateProspect(prospect.prospectId, changes);
    if (status && status !== prospect.status) this.options.commerce.changeProspectStatus(prospect.prospectId, status);
    if ((this.options.commerce.prospect(prospect.prospectId)?.rowVersion ?? before) !== before) report.prospectsUpdated += 1;
    // What Commerce now holds is what both sides agree on: outbound must not send it back.
    Object.assign(finance, prospectToFinance(this.options.commerce.prospect(prospect.prospectId) ?? prospect));
    return null;
  }

  /** Prospects (leads), Commerce → Sales: new prospects become leads; Commerce-side changes are sent. */
  private async outboundProspects(lookups: LookupResolver, report: SyncReport): Promise<void> {
    const map = prospectsLeadsMap;
    for (const prospect of this.options.commerce.prospects()) {
      const finance = prospectToFinance(prospect);
      let pair = this.state.pairByKey(map.name, prospect.prospectId);
      try {
        if (!pair) {
          // Integration key: a lead that already carries this prospect id is the same record.
          const [existing] = await this.client.list(
            query(map.dataverseEntitySet, { $select: map.dataversePrimaryId, $filter: `${map.key.dataverse} eq ${odataString(prospect.prospectId)}` }),
          );
          if (existing) pair = { map: map.name, dataverseId: String(existing.leadid), financeKey: prospect.prospectId, financeSnapshot: {}, dataverseEtag: null };
        }
        const writes = financeToDataverse(map, finance);
        if (!pair) {
          const created = await this.client.create(map.dataverseEntitySet, await this.body(map, writes, lookups, true));
          const leadId = String(created.leadid);
          await this.client.create("annotations", {
            ...dualWriteLeadNote(prospect.prospectId, this.options.baseLanguageId ?? Languages.English),
            "objectid_lead@odata.bind": `/leads(${leadId})`,
          });
          report.leadsCreated += 1;
          this.state.savePair({ map: map.name, dataverseId: leadId, financeKey: prospect.prospectId, financeSnapshot: finance, dataverseEtag: etagOf(created) });
          continue;
        }
        const previous = financeToDataverse(map, pair.financeSnapshot);
        const changed = writes.filter((w, i) => JSON.stringify(w) !== JSON.stringify(previous[i]));
        if (changed.length === 0) continue;
        const updated = await this.client.update(map.dataverseEntitySet, pair.dataverseId, await this.body(map, changed, lookups, false));
        report.leadsUpdated += 1;
        this.state.savePair({ ...pair, financeSnapshot: finance, dataverseEtag: etagOf(updated) });
      } catch (error) {
        report.failed += 1;
        this.state.recordError(map.name, prospect.prospectId, error instanceof Error ? error.message : String(error), this.now());
      }
    }
  }

  private async body(map: TableMap, writes: DataverseWrite[], lookups: LookupResolver, creating: boolean): Promise<WebApiRecord> {
    const body: WebApiRecord = {};
    for (const write of writes) {
      if (write.kind === "column") {
        if (!(creating && write.value === null)) body[write.column] = write.value;
        continue;
      }
      // An empty lookup is left unset: the Web API clears a lookup with a separate $ref DELETE.
      if (write.keyValue === null) continue;
      const binding = map.lookups[write.column];
      body[`${binding.navigationProperty}@odata.bind`] = `/${binding.entitySet}(${await lookups.idOf(binding, write.keyColumn, write.keyValue)})`;
    }
    return body;
  }
}

function etagOf(record: WebApiRecord): string | null {
  return typeof record["@odata.etag"] === "string" ? record["@odata.etag"] : null;
}
