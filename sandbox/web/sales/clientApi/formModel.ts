import type { AttributeInfo } from "./attributeMetadata";

export type NotificationLevel = "ERROR" | "WARNING" | "INFO" | "RECOMMENDATION";

export interface FormNotification {
  uniqueId: string;
  message: string;
  level: NotificationLevel;
}

export type Handler = (context: Xrm.Events.EventContext) => unknown;

/** One column on the form: its value as the Client API holds it, the value last read, and its handlers. */
export interface AttributeState {
  name: string;
  info: AttributeInfo;
  value: unknown;
  original: unknown;
  requiredLevel: Xrm.Attributes.RequirementLevel;
  submitMode: Xrm.SubmitMode;
  onChange: Handler[];
}

/** One control (a cell of the form body or header): label, state, notifications. */
export interface ControlState {
  name: string;
  attribute?: string;
  label: string;
  disabledByForm: boolean;
  disabled: boolean;
  visible: boolean;
  notifications: FormNotification[];
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => (item as Xrm.LookupValue).id?.toLowerCase() === (b[i] as Xrm.LookupValue).id?.toLowerCase());
  }
  return a === b || ((a === null || a === undefined || a === "") && (b === null || b === undefined || b === ""));
}

/**
 * The state of one open form, shared by the Client API objects (which change it) and the React
 * renderer (which subscribes). Every change notifies the subscribers.
 */
export class FormModel {
  readonly attributes = new Map<string, AttributeState>();
  readonly controls = new Map<string, ControlState>();
  private notifications: FormNotification[] = [];
  private readonly listeners = new Set<() => void>();
  /** Record id ("" for a new record), lower case without braces. */
  id: string;
  etag: string | null = null;
  /** statecode of the record as last read: 0 is active/open, anything else opens read-only. */
  stateCode = 0;
  /** Whether the signed-in user may write this record. */
  canWrite = true;
  primaryNameValue: string | null = null;

  constructor(
    readonly entityName: string,
    id: string | undefined,
    readonly primaryNameAttribute: string,
  ) {
    this.id = id ?? "";
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    this.listeners.forEach((listener) => listener());
  }

  /** Client API form type: 1 Create, 2 Update, 3 Read Only, 4 Disabled. */
  get formType(): XrmEnum.FormType {
    if (!this.id) return 1 as XrmEnum.FormType;
    if (this.stateCode !== 0) return 3 as XrmEnum.FormType;
    return (this.canWrite ? 2 : 3) as XrmEnum.FormType;
  }

  get readOnly(): boolean {
    return this.formType === (3 as XrmEnum.FormType);
  }

  addAttribute(info: AttributeInfo): AttributeState {
    let state = this.attributes.get(info.logicalName);
    if (!state) {
      state = { name: info.logicalName, info, value: null, original: null, requiredLevel: "none", submitMode: "dirty", onChange: [] };
      this.attributes.set(info.logicalName, state);
    }
    return state;
  }

  addControl(control: Omit<ControlState, "notifications" | "disabled" | "visible"> & { visible?: boolean }): ControlState {
    const state: ControlState = { ...control, disabled: control.disabledByForm, visible: control.visible ?? true, notifications: [] };
    this.controls.set(control.name, state);
    return state;
  }

  controlsOf(attribute: string): ControlState[] {
    return [...this.controls.values()].filter((control) => control.attribute === attribute);
  }

  isDirty(name: string): boolean {
    const attribute = this.attributes.get(name);
    return !!attribute && !same(attribute.value, attribute.original);
  }

  get dirtyAttributes(): AttributeState[] {
    return [...this.attributes.values()].filter((attribute) => this.isDirty(attribute.name));
  }

  setValue(name: string, value: unknown): void {
    const attribute = this.attributes.get(name);
    if (!attribute) return;
    attribute.value = value;
    this.changed();
  }

  /** Puts what was read from the server on the form: values become clean. */
  loadValues(values: Record<string, unknown>): void {
    for (const attribute of this.attributes.values()) {
      const value = values[attribute.name] ?? null;
      attribute.value = value;
      attribute.original = value;
    }
    this.changed();
  }

  get formNotifications(): readonly FormNotification[] {
    return this.notifications;
  }

  /** Same id replaces the earlier notification, as the platform does. */
  setFormNotification(notification: FormNotification): void {
    this.notifications = [...this.notifications.filter((n) => n.uniqueId !== notification.uniqueId), notification];
    this.changed();
  }

  clearFormNotification(uniqueId: string): boolean {
    const before = this.notifications.length;
    this.notifications = this.notifications.filter((n) => n.uniqueId !== uniqueId);
    this.changed();
    return this.notifications.length !== before;
  }

  setControlNotification(control: string, notification: FormNotification): boolean {
    const state = this.controls.get(control);
    if (!state) return false;
    state.notifications = [...state.notifications.filter((n) => n.uniqueId !== notification.uniqueId), notification];
    this.changed();
    return true;
  }

  clearControlNotification(control: string, uniqueId?: string): boolean {
    const state = this.controls.get(control);
    if (!state) return false;
    state.notifications = uniqueId === undefined ? [] : state.notifications.filter((n) => n.uniqueId !== uniqueId);
    this.changed();
    return true;
  }
}
