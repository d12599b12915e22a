interface Entry<T> {
  key: string;
  load: Promise<T>;
  /** Set once a form OnLoad used this entry; the next OnLoad of the record reads afresh. */
  claimedByOnLoad: boolean;
}

/**
 * One Web API read per form load, shared by the form's OnLoad and the command bar's enable rules,
 * whichever asks first. Scripts stay loaded while the rep moves between records, so an entry lasts
 * until the next OnLoad of the same record; `key` adds what the form may change (e.g. the account
 * lookup) so a changed form reads again. A failed read is dropped so the next ask retries.
 */
export class PerLoadCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  get(recordId: string, key: string, forOnLoad: boolean, read: () => Promise<T>): Promise<T> {
    const existing = this.entries.get(recordId);
    if (existing && existing.key === key && !(forOnLoad && existing.claimedByOnLoad)) {
      if (forOnLoad) existing.claimedByOnLoad = true;
      return existing.load;
    }
    const load = read();
    load.catch(() => {
      if (this.entries.get(recordId)?.load === load) this.entries.delete(recordId);
    });
    this.entries.set(recordId, { key, load, claimedByOnLoad: forOnLoad });
    return load;
  }
}
