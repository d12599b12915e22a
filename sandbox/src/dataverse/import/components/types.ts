/** A row the import writes: the table and the record (its primary key included). */
import type { RecordData } from "../../storage/records";

export interface ComponentRow {
  entity: string;
  record: RecordData;
}

export const guidOf = (text: string | undefined | null): string | undefined => {
  const match = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/.exec((text ?? "").trim());
  return match ? match[1].toLowerCase() : undefined;
};

export const bit = (text: string | undefined): boolean => (text ?? "0").trim() === "1" || (text ?? "").trim().toLowerCase() === "true";
