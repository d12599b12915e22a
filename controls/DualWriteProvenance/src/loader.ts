import { parseProvenanceRows, provenanceQueryOptions, type ProvenanceRecords } from "../../../core/src/provenance";
import { Entities } from "../../../core/src/columns";
import { classifyLoadError, type LoadError } from "./errors";

export type LoadResult = { kind: "loaded"; records: ProvenanceRecords } | { kind: "failed"; error: LoadError };

export type RetrieveMultiple = ComponentFramework.WebApi["retrieveMultipleRecords"];

/**
 * Loads the records of one lead's provenance with a single FetchXML request, at most once per lead
 * per form load (updateView runs on every resize and value change), unless asked to refresh.
 * Never rejects: every failure becomes a result the view can show.
 */
export class ProvenanceLoader {
  private readonly cache = new Map<string, Promise<LoadResult>>();

  constructor(
    private readonly retrieveMultipleRecords: RetrieveMultiple,
    private readonly isOnline: () => boolean = () => typeof navigator === "undefined" || navigator.onLine !== false,
  ) {}

  load(leadId: string, refresh = false): Promise<LoadResult> {
    const cached = this.cache.get(leadId);
    if (cached && !refresh) return cached;
    const pending: Promise<LoadResult> = this.fetch(leadId).then((result) => {
      // A failed attempt is not kept, so "Try again" and the next load ask the server again.
      if (result.kind === "failed" && this.cache.get(leadId) === pending) this.cache.delete(leadId);
      return result;
    });
    this.cache.set(leadId, pending);
    return pending;
  }

  private async fetch(leadId: string): Promise<LoadResult> {
    try {
      const response = await this.retrieveMultipleRecords(Entities.lead.logicalName, provenanceQueryOptions(leadId));
      const records = parseProvenanceRows(response?.entities ?? []);
      return records ? { kind: "loaded", records } : { kind: "failed", error: { kind: "notFound" } };
    } catch (error) {
      return { kind: "failed", error: classifyLoadError(error, this.isOnline()) };
    }
  }
}
