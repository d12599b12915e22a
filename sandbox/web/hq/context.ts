import * as React from "react";
import type { LanguageId } from "../shared/session";
import type { CommerceClient } from "../commerceShared/client";
import type { HqStrings } from "./strings";

/** What every headquarters page gets from the shell. */
export interface HqContextValue {
  client: CommerceClient;
  languageId: LanguageId;
  strings: HqStrings;
  /** Client-side navigation to a path under /hq (keeps ?lang=). */
  navigate(path: string): void;
}

export const HqContext = React.createContext<HqContextValue | null>(null);

export function useHq(): HqContextValue {
  const value = React.useContext(HqContext);
  if (!value) throw new Error("useHq() outside the headquarters shell.");
  return value;
}
