/**
 * The request scope of ./dynamic.ts: which database's imported tables the current request (and what it
 * starts in the background) sees. Node-only (AsyncLocalStorage), so it is kept out of the registry the
 * browser pages bundle.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { setDynamicMetadataScope, type DynamicMetadataHolder } from "./dynamic";

const scope = new AsyncLocalStorage<DynamicMetadataHolder>();
setDynamicMetadataScope(() => scope.getStore());

/** Runs `work` (and everything it starts) against one database's imported tables. */
export function runWithDynamicMetadata<T>(holder: DynamicMetadataHolder, work: () => T): T {
  return scope.run(holder, work);
}
