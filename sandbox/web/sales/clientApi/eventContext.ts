import { strict } from "./strict";

/** Shared variables live for one event: every handler of that event sees the same bag. */
export function createEventContext(
  formContext: Xrm.FormContext,
  globalContext: Xrm.GlobalContext,
  eventSource: unknown,
  eventArgs: unknown,
  depth = 1,
): Xrm.Events.EventContext {
  const shared = new Map<string, unknown>();
  return strict("executionContext", {
    getFormContext: () => formContext,
    getContext: () => globalContext,
    getEventSource: () => eventSource,
    getEventArgs: () => eventArgs,
    getDepth: () => depth,
    getSharedVariable: <T>(key: string) => shared.get(key) as T,
    setSharedVariable: <T>(key: string, value: T) => {
      shared.set(key, value);
    },
  }) as unknown as Xrm.Events.EventContext;
}

/** What an OnSave handler can do to the save, read back by the form after every handler ran. */
export interface SaveArgsState {
  prevented: boolean;
  preventOnError: boolean;
  asyncTimeoutDisabled: boolean;
}

export function createSaveEventArgs(saveMode: number, entityReference: Xrm.LookupValue): { args: Xrm.Events.SaveEventArguments; state: SaveArgsState } {
  const state: SaveArgsState = { prevented: false, preventOnError: false, asyncTimeoutDisabled: false };
  const args = strict("executionContext.getEventArgs()", {
    getSaveMode: () => saveMode as XrmEnum.SaveMode,
    preventDefault: () => {
      state.prevented = true;
    },
    isDefaultPrevented: () => state.prevented,
    preventDefaultOnError: () => {
      state.preventOnError = true;
    },
    disableAsyncTimeout: () => {
      state.asyncTimeoutDisabled = true;
    },
    getEntityReference: () => entityReference,
  }) as unknown as Xrm.Events.SaveEventArguments;
  return { args, state };
}

export function createLoadEventArgs(dataLoadState: number): { args: Xrm.Events.LoadEventArguments; state: { asyncTimeoutDisabled: boolean } } {
  const state = { asyncTimeoutDisabled: false };
  const args = strict("executionContext.getEventArgs()", {
    getDataLoadState: () => dataLoadState as XrmEnum.FormDataLoadState,
    disableAsyncTimeout: () => {
      state.asyncTimeoutDisabled = true;
    },
  }) as unknown as Xrm.Events.LoadEventArguments;
  return { args, state };
}
