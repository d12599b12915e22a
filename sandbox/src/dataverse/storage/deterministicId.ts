/** A stable GUID from a name, so seeded and imported rows keep their ids across databases. */
import { createHash } from "node:crypto";

export function deterministicId(name: string): string {
  const hex = createHash("sha1").update(name).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
