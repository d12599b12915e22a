interface Entry<T> {
  load: Promise<T>;
  /** Set once a form OnLoad used this entry; the next OnLoad of the record reads afresh. */
  claimedByOnLoad: boolean;
}

/**
 * One Web API read per form load, shared by the form's OnLoad and its other handlers (OnChange,
 * OnSave), whichever asks first. Scripts stay loaded while the rep moves between records, so an entry
 * lasts until the next OnLoad of the same record. A failed read is dropped so the next ask retries.
 */
export class PerLoadCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  get(recordId: string, forOnLoad: boolean, read: () => Promise<T>): Promise<T> {
    const existing = this.entries.get(recordId);
    if (existing && !(forOnLoad && existing.claimedByOnLoad)) {
      if (forOnLoad) existing.claimedByOnLoad = true;
      return existing.load;
    }
    const load = read();
    load.catch(() => {
      if (this.entries.get(recordId)?.load === load) this.entries.delete(recordId);
    });
    this.entries.set(recordId, { load, claimedByOnLoad: forOnLoad });
    return load;
  }
}
