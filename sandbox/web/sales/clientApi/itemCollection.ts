/**
 * Xrm.Collection.ItemCollection over an array: forEach, get by index / name / predicate / all, and
 * getLength. `nameOf` gives an item's name for get("name") (controls and attributes by getName(),
 * roles by `name`).
 */
export function itemCollection<T>(items: () => readonly T[], nameOf: (item: T) => string | undefined): Xrm.Collection.ItemCollection<T> {
  function get(): T[];
  function get(key: string | number | ((item: T, index: number) => boolean)): T | T[] | null;
  function get(key?: string | number | ((item: T, index: number) => boolean)): T | T[] | null {
    const list = items();
    if (key === undefined) return [...list];
    if (typeof key === "number") return list[key] ?? null;
    if (typeof key === "function") return list.filter((item, index) => key(item, index));
    return list.find((item) => nameOf(item) === key) ?? null;
  }
  return {
    forEach(delegate: (item: T, index: number) => void) {
      items().forEach((item, index) => delegate(item, index));
    },
    get: get as Xrm.Collection.ItemCollection<T>["get"],
    getLength: () => items().length,
  };
}
