/**
 * Keyset paging: the rows strictly after (or before) one row in the query's sort order, from the values a
 * paging cookie kept. This is how a cookie lets Dataverse "start with the next record after the last one on
 * the preceding page" (Ordering and paging, Order rows using FetchXml) instead of counting rows from the
 * start, so page 1,000 costs what page 2 does. As on SQL Server, NULL sorts before every value.
 *
 * The rows after the position come as segments in sort order: those whose first sort key has a value and
 * those where it is null. Each segment's condition on the first key is a plain range (`createdon <= ?`) or
 * `IS NULL`, which SQLite reads from an index in order; one condition with `OR … IS NULL` would make it
 * collect and sort every row before the position instead.
 */
import { joinFragments, type SqlFragment } from "../query/sqlCondition";
import type { SortKey } from "./compile";

const NONE: SqlFragment = { sql: "0", params: [] };

const equal = (key: SortKey, value: unknown): SqlFragment =>
  value === null ? { sql: `${key.sql} IS NULL`, params: [] } : { sql: `${key.sql} = ?`, params: [value] };

/** Strictly past `value` in this direction. */
function beyond(key: SortKey, value: unknown, descending: boolean): SqlFragment {
  if (!descending) return value === null ? { sql: `${key.sql} IS NOT NULL`, params: [] } : { sql: `${key.sql} > ?`, params: [value] };
  return value === null ? NONE : { sql: `(${key.sql} < ? OR ${key.sql} IS NULL)`, params: [value] };
}

/** After the position on `keys` (all tied keys before them equal): the usual OR of ANDs. */
function after(keys: SortKey[], values: unknown[], descending: (key: SortKey) => boolean): SqlFragment {
  return joinFragments(
    keys.map((key, i) => joinFragments([...keys.slice(0, i).map((k, j) => equal(k, values[j])), beyond(key, values[i], descending(key))], "AND")),
    "OR",
  );
}

/**
 * The conditions for the rows after the row whose key values are `values`, one per segment, in the order the
 * rows come; `backwards` reverses the query's order (for the page before a cookie's first row).
 */
export function keysetSegments(keys: SortKey[], values: unknown[], backwards: boolean): SqlFragment[] {
  const descending = (key: SortKey) => key.descending !== backwards;
  const [first, ...others] = keys;
  const [value, ...otherValues] = values;
  const rest = others.length > 0 ? after(others, otherValues, descending) : NONE;
  const isNull: SqlFragment = { sql: `${first.sql} IS NULL`, params: [] };
  const down = descending(first);
  let withValue: SqlFragment;
  let withoutValue: SqlFragment;
  if (value === null) {
    // Position among the nulls: the rest of the nulls, then (ascending) every row with a value.
    withValue = down ? NONE : { sql: `${first.sql} IS NOT NULL`, params: [] };
    withoutValue = joinFragments([isNull, rest], "AND");
  } else {
    const [op, strict] = down ? ["<=", "<"] : [">=", ">"];
    withValue = joinFragments(
      [
        { sql: `${first.sql} ${op} ?`, params: [value] },
        joinFragments([{ sql: `${first.sql} ${strict} ?`, params: [value] }, joinFragments([equal(first, value), rest], "AND")], "OR"),
      ],
      "AND",
    );
    // Descending, nulls come after every value; ascending, before the position.
    withoutValue = down ? isNull : NONE;
  }
  // Ascending, nulls come first; descending, last.
  const segments = down ? [withValue, withoutValue] : [withoutValue, withValue];
  return segments.filter((s) => s !== NONE);
}
