import { formId } from "./entityMetadata";
import { createEventContext } from "./eventContext";
import type { AttributeState, FormModel, Handler, NotificationLevel } from "./formModel";
import { itemCollection } from "./itemCollection";
import { notImplemented, strict } from "./strict";

/** What the page behind a form does for the Client API: save, reload, ribbon, close, errors. */
export interface FormHost {
  /** `always`: save (OnSave included) even when nothing changed, as data.entity.save and the Save button do. */
  save(saveMode: number, always?: boolean): Promise<void>;
  refresh(save: boolean): Promise<void>;
  refreshRibbon(): void;
  close(): void;
  /** A handler threw or rejected: the platform shows a script error. */
  reportScriptError(error: unknown, handlerName: string): void;
  globalContext: Xrm.GlobalContext;
}

const LEVELS: NotificationLevel[] = ["ERROR", "WARNING", "INFO", "RECOMMENDATION"];

function level(value: unknown): NotificationLevel {
  const upper = String(value ?? "ERROR").toUpperCase() as NotificationLevel;
  return LEVELS.includes(upper) ? upper : "ERROR";
}

/** Runs a handler; errors and rejections become the platform's script error, never a page error. */
export function runHandler(host: FormHost, handler: Handler, context: Xrm.Events.EventContext, name: string): Promise<unknown> {
  try {
    return Promise.resolve(handler(context)).catch((error: unknown) => {
      host.reportScriptError(error, name);
      throw error;
    });
  } catch (error) {
    host.reportScriptError(error, name);
    return Promise.reject(error);
  }
}

/**
 * formContext (and Xrm.Page) over a FormModel: data.entity with its attributes, controls, ui and
 * data.save / refresh. Objects are created once per column and control so scripts can compare them.
 */
export function createFormContext(model: FormModel, host: FormHost): Xrm.FormContext {
  const attributeObjects = new Map<string, Xrm.Attributes.Attribute>();
  const controlObjects = new Map<string, Xrm.Controls.StandardControl>();

  const controlsOfAttribute = (name: string) =>
    itemCollection(
      () => model.controlsOf(name).map((c) => controlOf(c.name) as Xrm.Controls.StandardControl),
      (c) => c.getName(),
    );

  function fireOnChange(state: AttributeState): void {
    const attribute = attributeOf(state.name);
    const context = createEventContext(formContext, host.globalContext, attribute, null);
    state.onChange.forEach((handler, index) => {
      runHandler(host, handler, context, `${state.name} OnChange #${index + 1}`).catch(() => undefined);
    });
  }

  function attributeOf(name: string): Xrm.Attributes.Attribute {
    let object = attributeObjects.get(name);
    if (object) return object;
    const state = () => model.attributes.get(name) as AttributeState;
    const path = `Xrm.Attributes.Attribute('${name}')`;
    object = strict(path, {
      getName: () => name,
      getAttributeType: () => state().info.clientType,
      getFormat: () => null,
      getValue: () => state().value,
      setValue: (value: unknown) => model.setValue(name, value),
      getIsDirty: () => model.isDirty(name),
      getInitialValue: () => state().original,
      getRequiredLevel: () => state().requiredLevel,
      setRequiredLevel: (requirementLevel: Xrm.Attributes.RequirementLevel) => {
        state().requiredLevel = requirementLevel;
        model.changed();
      },
      getSubmitMode: () => state().submitMode,
      setSubmitMode: (submitMode: Xrm.SubmitMode) => {
        state().submitMode = submitMode;
      },
      addOnChange: (handler: Handler) => {
        state().onChange.push(handler);
      },
      removeOnChange: (handler: Handler) => {
        state().onChange = state().onChange.filter((h) => h !== handler);
      },
      fireOnChange: () => fireOnChange(state()),
      getOptions: () => state().info.options.map((o) => ({ value: o.value, text: o.text })),
      getOption: (value: number | string) => {
        const option = state().info.options.find((o) => o.value === Number(value) || o.text === value);
        return option ? { value: option.value, text: option.text } : null;
      },
      getSelectedOption: () => {
        const option = state().info.options.find((o) => o.value === state().value);
        return option ? { value: option.value, text: option.text } : null;
      },
      getText: () => state().info.options.find((o) => o.value === state().value)?.text ?? null,
      getUserPrivilege: () => ({ canRead: true, canUpdate: model.canWrite, canCreate: model.canWrite }),
      get controls() {
        return controlsOfAttribute(name);
      },
    }) as unknown as Xrm.Attributes.Attribute;
    attributeObjects.set(name, object);
    return object;
  }

  function controlOf(name: string): Xrm.Controls.StandardControl {
    let object = controlObjects.get(name);
    if (object) return object;
    const state = () => model.controls.get(name)!;
    object = strict(`Xrm.Controls.Control('${name}')`, {
      getName: () => name,
      getControlType: () => "standard",
      getLabel: () => state().label,
      setLabel: (label: string) => {
        state().label = label;
        model.changed();
      },
      getAttribute: () => (state().attribute ? attributeOf(state().attribute!) : null),
      getDisabled: () => state().disabled || model.readOnly,
      setDisabled: (disabled: boolean) => {
        state().disabled = disabled;
        model.changed();
      },
      getVisible: () => state().visible,
      setVisible: (visible: boolean) => {
        state().visible = visible;
        model.changed();
      },
      setNotification: (message: string, uniqueId?: string) =>
        model.setControlNotification(name, { message, uniqueId: uniqueId ?? "", level: "ERROR" }),
      addNotification: (notification: Xrm.Controls.AddControlNotificationOptions) => {
        const message = (notification.messages ?? []).join(" ");
        model.setControlNotification(name, {
          message,
          uniqueId: notification.uniqueId ?? "",
          level: notification.notificationLevel === "RECOMMENDATION" ? "RECOMMENDATION" : "ERROR",
        });
      },
      clearNotification: (uniqueId?: string) => model.clearControlNotification(name, uniqueId),
      setFocus: () => {
        document.querySelector<HTMLElement>(`[data-control-name="${CSS.escape(name)}"] input, [data-control-name="${CSS.escape(name)}"] [role="combobox"]`)?.focus();
      },
    }) as unknown as Xrm.Controls.StandardControl;
    controlObjects.set(name, object);
    return object;
  }

  const attributes = itemCollection(() => [...model.attributes.keys()].map(attributeOf), (a) => a.getName());
  const controls = itemCollection(() => [...model.controls.keys()].map(controlOf), (c) => c.getName());

  const entity = strict("formContext.data.entity", {
    getId: () => (model.id ? formId(model.id) : ""),
    getEntityName: () => model.entityName,
    getEntityReference: () => ({ id: model.id ? formId(model.id) : "", entityType: model.entityName, name: model.primaryNameValue ?? undefined }),
    getPrimaryAttributeValue: () => (model.attributes.get(model.primaryNameAttribute)?.value as string | null | undefined) ?? model.primaryNameValue,
    getIsDirty: () => model.dirtyAttributes.length > 0,
    getDataXml: () => {
      throw notImplemented("formContext.data.entity.getDataXml");
    },
    isValid: () => [...model.attributes.values()].every((a) => a.requiredLevel !== "required" || (a.value !== null && a.value !== "")),
    attributes,
    save: (saveMode?: string) => {
      void host.save(saveMode === "saveandclose" ? 2 : saveMode === "saveandnew" ? 59 : 1, true).catch(() => undefined);
    },
  });

  const data = strict("formContext.data", {
    entity,
    getIsDirty: () => model.dirtyAttributes.length > 0,
    isValid: () => entity.isValid(),
    save: (options?: Xrm.SaveOptions) => host.save((options?.saveMode as number | undefined) ?? 1),
    refresh: (save?: boolean) => host.refresh(save === true),
  });

  const ui = strict("formContext.ui", {
    setFormNotification: (message: string, notificationLevel: Xrm.FormNotificationLevel, uniqueId: string) => {
      model.setFormNotification({ message, level: level(notificationLevel), uniqueId });
      return true;
    },
    clearFormNotification: (uniqueId: string) => model.clearFormNotification(uniqueId),
    getFormType: () => model.formType,
    refreshRibbon: () => host.refreshRibbon(),
    close: () => host.close(),
    controls,
  });

  const formContext: Xrm.FormContext = strict("formContext", {
    data,
    ui,
    getAttribute: ((name?: unknown) => {
      if (name === undefined) return attributes.get();
      if (typeof name === "number") return attributes.get(name);
      if (typeof name === "function") return attributes.get(name as Xrm.Collection.MatchingDelegate<Xrm.Attributes.Attribute>);
      return model.attributes.has(String(name)) ? attributeOf(String(name)) : null;
    }) as Xrm.FormContext["getAttribute"],
    getControl: ((name?: unknown) => {
      if (name === undefined) return controls.get();
      if (typeof name === "number") return controls.get(name);
      if (typeof name === "function") return controls.get(name as Xrm.Collection.MatchingDelegate<Xrm.Controls.StandardControl>);
      return model.controls.has(String(name)) ? controlOf(String(name)) : null;
    }) as Xrm.FormContext["getControl"],
  }) as unknown as Xrm.FormContext;
  return formContext;
}
