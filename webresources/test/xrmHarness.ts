/**
 * Test harness for the form scripts: xrm-mock's form, attributes and notifications, plus what
 * xrm-mock lacks and these scripts need:
 * - awaitable OnLoad/OnSave events that behave like the platform's async handlers (the form waits
 *   for the returned promise; a rejected promise cancels the save only after preventDefaultOnError);
 * - a recording Xrm.WebApi whose answers each test scripts (xrm-mock's throws "not implemented");
 * - dialogs with scripted answers, user settings with the language, form save/refresh;
 * - setFormNotification replacing a notification with the same id, as the platform does.
 */
import { ClientContextMock, ContextMock, ItemCollectionMock, UserSettingsMock, XrmMockGenerator } from "xrm-mock";

export interface WebApiCall {
  method: "retrieveRecord" | "retrieveMultipleRecords" | "execute" | "updateRecord";
  entity?: string;
  id?: string;
  options?: string;
  request?: Record<string, unknown>;
}

/** The form scripts only ever read one record; every other call is recorded and fails. */
export interface WebApiScript {
  retrieveRecord?: (entity: string, id: string, options: string) => Record<string, unknown>;
  /** The rows of a query (the review deadline reads its environment variable so). */
  retrieveMultipleRecords?: (entity: string, options: string) => Record<string, unknown>[];
}

export interface Notification {
  message: string;
  level: string;
  uniqueId: string;
}

export interface HarnessOptions {
  entityName: "lead" | "opportunity";
  id?: string;
  formType?: number;
  languageId?: number;
  dirty?: boolean;
  webApi?: WebApiScript;
  /** Answer of every confirm dialog (true = the confirm button). */
  confirmAnswer?: boolean;
}

export interface Harness {
  form: Xrm.FormContext;
  webApiCalls: WebApiCall[];
  confirms: Xrm.Navigation.ConfirmStrings[];
  alerts: Xrm.Navigation.AlertStrings[];
  saves: number;
  refreshes: boolean[];
  notifications(): Notification[];
  notification(uniqueId: string): Notification | undefined;
  /** Adds a column; `controls` names every control bound to it (e.g. body and header_), default one. */
  string(name: string, value: string | null, controls?: string[]): void;
  boolean(name: string, value: boolean | null): void;
  optionSet(name: string, value: number | null): void;
  lookup(name: string, value: Xrm.LookupValue | null, controls?: string[]): void;
  /** The notifications on each control of a column, by control name. */
  controlNotifications(column: string): Record<string, string[]>;
  /** Runs an OnLoad handler the way the platform does with async OnLoad on. */
  load(handler: (context: Xrm.Events.LoadEventContext) => unknown): Promise<LoadOutcome>;
  /** Runs an OnSave handler the way the platform does with async OnSave. */
  save(handler: (context: Xrm.Events.SaveEventContextAsync) => unknown, saveMode: number): Promise<SaveOutcome>;
}

export interface LoadOutcome {
  asyncTimeoutDisabled: boolean;
  returnedPromise: boolean;
}

export interface SaveOutcome {
  saved: boolean;
  asyncTimeoutDisabled: boolean;
  preventDefaultOnError: boolean;
  returnedPromise: boolean;
}

let counter = 0;
/** A fresh record id per harness, so module-level caches never leak between tests. */
export function newId(): string {
  counter += 1;
  return `{00000000-0000-4000-8000-${counter.toString(16).padStart(12, "0")}}`;
}

export function createHarness(options: HarnessOptions): Harness {
  const id = options.id ?? newId();
  const xrm = XrmMockGenerator.initialise({ entity: { entityName: options.entityName, id } });
  const form = XrmMockGenerator.getFormContext();
  const webApiCalls: WebApiCall[] = [];
  const confirms: Xrm.Navigation.ConfirmStrings[] = [];
  const alerts: Xrm.Navigation.AlertStrings[] = [];
  const notes: Notification[] = [];

  const harness: Harness = {
    form: form as unknown as Xrm.FormContext,
    webApiCalls,
    confirms,
    alerts,
    saves: 0,
    refreshes: [],
    notifications: () => [...notes],
    notification: (uniqueId) => notes.find((n) => n.uniqueId === uniqueId),
    string: (name, value, controls) =>
      void (controls
        ? XrmMockGenerator.Attribute.createString({ name, value: value as string }, controls.map((c) => ({ name: c })))
        : XrmMockGenerator.Attribute.createString(name, value as string)),
    boolean: (name, value) => void XrmMockGenerator.Attribute.createBoolean(name, value as boolean),
    optionSet: (name, value) =>
      void XrmMockGenerator.Attribute.createOptionSet(name, value as number, value === null ? [] : [{ text: String(value), value }]),
    lookup: (name, value, controls) =>
      void (controls
        ? XrmMockGenerator.Attribute.createLookup({ name, value: value ? [value] : null }, controls.map((c) => ({ name: c })))
        : XrmMockGenerator.Attribute.createLookup(name, value ?? undefined)),
    controlNotifications: (column) => {
      const result: Record<string, string[]> = {};
      form.getAttribute(column)?.controls.forEach((control) => {
        const notes = (control as unknown as { getNotifications(): { messages: string[] }[] }).getNotifications();
        result[control.getName()] = notes.flatMap((n) => n.messages);
      });
      return result;
    },
    load: async (handler) => {
      let asyncTimeoutDisabled = false;
      const context = {
        getFormContext: () => form,
        getEventArgs: () => ({ getDataLoadState: () => 1, disableAsyncTimeout: () => void (asyncTimeoutDisabled = true) }),
        getEventSource: () => form,
        getContext: () => Xrm.Utility.getGlobalContext(),
        getDepth: () => 0,
        getSharedVariable: () => undefined,
        setSharedVariable: () => undefined,
      } as unknown as Xrm.Events.LoadEventContext;
      const result = handler(context);
      const returnedPromise = result instanceof Promise;
      if (returnedPromise) await result;
      return { asyncTimeoutDisabled, returnedPromise };
    },
    save: async (handler, saveMode) => {
      let prevented = false;
      let preventOnError = false;
      let asyncTimeoutDisabled = false;
      const args = {
        getSaveMode: () => saveMode,
        preventDefault: () => void (prevented = true),
        isDefaultPrevented: () => prevented,
        preventDefaultOnError: () => void (preventOnError = true),
        disableAsyncTimeout: () => void (asyncTimeoutDisabled = true),
      };
      const context = {
        getFormContext: () => form,
        getEventArgs: () => args,
        getEventSource: () => form,
        getContext: () => Xrm.Utility.getGlobalContext(),
        getDepth: () => 0,
        getSharedVariable: () => undefined,
        setSharedVariable: () => undefined,
      } as unknown as Xrm.Events.SaveEventContextAsync;
      let failed = false;
      const result = handler(context);
      const returnedPromise = result instanceof Promise;
      if (returnedPromise) {
        try {
          await result;
        } catch {
          failed = true;
        }
      }
      // The platform saves unless the handler prevented it, or it failed after preventDefaultOnError.
      const saved = !prevented && !(failed && preventOnError);
      return { saved, asyncTimeoutDisabled, preventDefaultOnError: preventOnError, returnedPromise };
    },
  };

  // User settings: the language (xrm-mock's default context has none).
  const userSettings = new UserSettingsMock({
    isGuidedHelpEnabled: false,
    isHighContrastEnabled: false,
    isRTL: false,
    languageId: options.languageId ?? 1033,
    securityRolePrivileges: [],
    securityRoles: [],
    userId: "{11111111-1111-4111-8111-111111111111}",
    userName: "rep",
    roles: new ItemCollectionMock<Xrm.LookupValue>([]),
  });
  const globalContext = new ContextMock({
    clientContext: new ClientContextMock("Web", "Online"),
    userSettings: userSettings as unknown as Xrm.UserSettings,
  });
  xrm.Utility.getGlobalContext = () => globalContext as unknown as Xrm.GlobalContext;

  // Form: type, dirtiness, save and refresh, notifications that replace by id.
  const ui = form.ui as unknown as Record<string, unknown>;
  ui.getFormType = () => options.formType ?? 2;
  ui.setFormNotification = (message: string, level: string, uniqueId: string) => {
    const existing = notes.findIndex((n) => n.uniqueId === uniqueId);
    if (existing >= 0) notes.splice(existing, 1);
    notes.push({ message, level, uniqueId });
    return true;
  };
  ui.clearFormNotification = (uniqueId: string) => {
    const existing = notes.findIndex((n) => n.uniqueId === uniqueId);
    if (existing >= 0) notes.splice(existing, 1);
    return existing >= 0;
  };
  const entity = form.data.entity as unknown as Record<string, unknown>;
  entity.getIsDirty = () => options.dirty ?? false;
  const data = form.data as unknown as Record<string, unknown>;
  data.save = () => {
    harness.saves += 1;
    return Promise.resolve();
  };
  data.refresh = (save: boolean) => {
    harness.refreshes.push(save);
    return Promise.resolve();
  };

  // Web API: every call is recorded; unscripted calls fail the way a test should notice.
  const script = options.webApi ?? {};
  const unscripted = (what: string) => Promise.reject(new Error(`unexpected Web API call: ${what}`));
  const webApi = {
    retrieveRecord: (entity: string, recordId: string, query?: string) => {
      webApiCalls.push({ method: "retrieveRecord", entity, id: recordId, options: query });
      if (!script.retrieveRecord) return unscripted(`retrieveRecord ${entity}`);
      try {
        return Promise.resolve(script.retrieveRecord(entity, recordId, query ?? ""));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    retrieveMultipleRecords: (entity: string, query?: string) => {
      webApiCalls.push({ method: "retrieveMultipleRecords", entity, options: query });
      if (!script.retrieveMultipleRecords) return unscripted(`retrieveMultipleRecords ${entity}`);
      try {
        return Promise.resolve({ entities: script.retrieveMultipleRecords(entity, query ?? ""), nextLink: undefined });
      } catch (error) {
        return Promise.reject(error);
      }
    },
    updateRecord: (entity: string, recordId: string) => {
      webApiCalls.push({ method: "updateRecord", entity, id: recordId });
      return unscripted(`updateRecord ${entity}`);
    },
    online: {
      execute: (request: Record<string, unknown>) => {
        webApiCalls.push({ method: "execute", request });
        return unscripted("execute");
      },
    },
  };
  (xrm as unknown as { WebApi: unknown }).WebApi = webApi;

  // Dialogs.
  const navigation = xrm.Navigation as unknown as Record<string, unknown>;
  navigation.openConfirmDialog = (strings: Xrm.Navigation.ConfirmStrings) => {
    confirms.push(strings);
    return Promise.resolve({ confirmed: options.confirmAnswer ?? true });
  };
  navigation.openAlertDialog = (strings: Xrm.Navigation.AlertStrings) => {
    alerts.push(strings);
    return Promise.resolve();
  };

  return harness;
}
