import { parseProvenanceRows, provenanceQueryOptions, type ProvenanceRecords } from "../../../core/src/provenance";
import { Entities } from "../../../core/src/columns";
import { classifyLoadError, type LoadError } from "./errors";

export type LoadResult = { kind: "loaded"; records: ProvenanceRecords } | { kind: "failed"; error: LoadError };

/** Loads one lead's provenance; `refresh` asks the server again. Never rejects. */
export type LoadProvenance = (leadId: string, refresh?: boolean) => Promise<LoadResult>;

/**
 * Loads the records of one lead's provenance with a single FetchXML request, at most once per lead
 * per form load (updateView runs on every resize and value change), unless asked to refresh.
 * Every failure becomes a result the view can show.
 */
export function provenanceLoader(webAPI: Pick<ComponentFramework.WebApi, "retrieveMultipleRecords">): LoadProvenance {
  const cache = new Map<string, Promise<LoadResult>>();

  async function fetch(leadId: string): Promise<LoadResult> {
    try {
      const response = await webAPI.retrieveMultipleRecords(Entities.lead.logicalName, provenanceQueryOptions(leadId));
      const records = parseProvenanceRows((response && response.entities) || []);
      return records ? { kind: "loaded", records } : { kind: "failed", error: { kind: "notFound" } };
    } catch (error) {
      return { kind: "failed", error: classifyLoadError(error, typeof navigator === "undefined" || navigator.onLine !== false) };
    }
  }

  return (leadId, refresh) => {
    const cached = cache.get(leadId);
    if (cached && !refresh) return cached;
    const pending: Promise<LoadResult> = fetch(leadId).then((result) => {
      // A failed attempt is not kept, so "Try again" and the next load ask the server again.
      if (result.kind === "failed" && cache.get(leadId) === pending) cache.delete(leadId);
      return result;
    });
    cache.set(leadId, pending);
    return pending;
  };
}
