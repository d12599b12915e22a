interface Entry<T> {
  load: Promise<T>;
  /** Set once a form OnLoad used this entry; the next OnLoad of the record reads afresh. */
  claimedByOnLoad: boolean;
}

/** Reads a record through the cache: `read` runs only when no entry serves this ask. */
export type PerLoadCache<T> = (recordId: string, forOnLoad: boolean, read: () => Promise<T>) => Promise<T>;

/**
 * One Web API read per form load, shared by the form's OnLoad and its other handlers (OnChange,
 * OnSave), whichever asks first. Scripts stay loaded while the rep moves between records, so an entry
 * lasts until the next OnLoad of the same record. A failed read is dropped so the next ask retries.
 */
export function perLoadCache<T>(): PerLoadCache<T> {
  const entries = new Map<string, Entry<T>>();
  return (recordId, forOnLoad, read) => {
    const existing = entries.get(recordId);
    if (existing && !(forOnLoad && existing.claimedByOnLoad)) {
      if (forOnLoad) existing.claimedByOnLoad = true;
      return existing.load;
    }
    const load = read();
    load.catch(() => {
      const entry = entries.get(recordId);
      if (entry && entry.load === load) entries.delete(recordId);
    });
    entries.set(recordId, { load, claimedByOnLoad: forOnLoad });
    return load;
  };
}
