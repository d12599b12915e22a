import type { PageTarget, SalesSession } from "../../shared/session";
import type { AttributeInfo } from "../clientApi/attributeMetadata";
import { loadAttributeMetadata } from "../clientApi/attributeMetadata";
import { entityInfo, formId } from "../clientApi/entityMetadata";
import { createEventContext, createLoadEventArgs, createSaveEventArgs } from "../clientApi/eventContext";
import { awaitHandler, runSaveHandlers } from "../clientApi/formEvents";
import { createFormContext, runHandler, type FormHost } from "../clientApi/formContext";
import { FormModel, type Handler } from "../clientApi/formModel";
import { readRecord, saveBody, writeRecord } from "../clientApi/recordData";
import { loadScript, requireFunction } from "../clientApi/scriptLoader";
import { clientApiTexts } from "../clientApi/texts";
import type { ClientApi } from "../clientApi/useClientApi";
import { isWebApiError } from "../clientApi/webApiErrors";
import { allControls, boundColumns, type FormDefinition, type FormHandler } from "./formXml";

/** Why a save did not happen: an OnSave handler cancelled it, or the record is not valid. */
export class SaveCancelledError extends Error {}

/** Literal handler parameters from formxml (`"a", 1, true`); anything not JSON stays a string. */
function handlerParameters(parameters: string): unknown[] {
  if (!parameters.trim()) return [];
  try {
    return JSON.parse(`[${parameters}]`) as unknown[];
  } catch {
    return parameters.split(",").map((p) => p.trim());
  }
}

export interface OpenFormOptions {
  session: SalesSession;
  api: ClientApi;
  entityName: string;
  id?: string;
  definition: FormDefinition;
  navigate(target: PageTarget): void;
}

/**
 * One open form: its model, its formContext, and the platform behaviour around them — loading the
 * record and the form libraries, OnLoad / OnSave / OnChange from the formxml, save and refresh.
 */
export class FormController implements FormHost {
  readonly model: FormModel;
  readonly formContext: Xrm.FormContext;
  readonly globalContext: Xrm.GlobalContext;
  private readonly onSaveHandlers: { handler: Handler; name: string }[] = [];
  private saving: Promise<void> | null = null;

  private constructor(
    private readonly options: OpenFormOptions,
    primaryName: string,
    readonly attributes: Map<string, AttributeInfo>,
  ) {
    this.globalContext = options.api.globalContext;
    this.model = new FormModel(options.entityName, options.id, primaryName);
    this.formContext = createFormContext(this.model, this);
  }

  static async open(options: OpenFormOptions): Promise<FormController> {
    const { session, entityName, definition } = options;
    const [table, attributes] = await Promise.all([entityInfo(session, entityName), loadAttributeMetadata(session, entityName, session.languageId)]);
    const controller = new FormController(options, table.primaryNameAttribute, attributes);
    controller.buildModel(definition);
    await controller.read();
    // Form libraries load in their formxml order before any handler runs.
    for (const library of definition.libraries) await loadScript(session.clientUrl, library);
    controller.wireEvents(definition);
    options.api.sandbox.setPage(controller.formContext);
    return controller;
  }

  private buildModel(definition: FormDefinition): void {
    const cells = [...definition.header, ...definition.tabs.flatMap((t) => t.columns.flatMap((c) => c.sections.flatMap((s) => s.rows.flat())))];
    for (const control of allControls(definition)) {
      for (const column of boundColumns(control)) {
        const info = this.attributes.get(column);
        if (info) this.model.addAttribute(info);
      }
      const cell = cells.find((c) => c.control === control);
      this.model.addControl({
        name: control.id,
        attribute: control.dataFieldName && this.attributes.has(control.dataFieldName) ? control.dataFieldName : undefined,
        label: cell?.label ?? control.id,
        disabledByForm: control.disabled,
      });
    }
  }

  private handlerOf(handler: FormHandler, eventName: string): { handler: Handler; name: string } {
    const name = `${handler.functionName} (${eventName})`;
    return {
      name,
      handler: (context) => {
        const fn = requireFunction(handler.functionName, handler.libraryName);
        const args = handlerParameters(handler.parameters);
        return handler.passExecutionContext ? fn(context, ...args) : fn(...args);
      },
    };
  }

  private wireEvents(definition: FormDefinition): void {
    for (const event of definition.events) {
      for (const handler of event.handlers.filter((h) => h.enabled)) {
        if (event.name === "onsave") this.onSaveHandlers.push(this.handlerOf(handler, "OnSave"));
        if (event.name === "onchange" && event.attribute) {
          const attribute = this.model.attributes.get(event.attribute);
          if (attribute) attribute.onChange.push(this.handlerOf(handler, `${event.attribute} OnChange`).handler);
        }
      }
    }
  }

  /** Form OnLoad: the formxml onload handlers in order, each awaited when it returns a Promise. */
  async runOnLoad(definition: FormDefinition): Promise<void> {
    const handlers = definition.events.filter((e) => e.name === "onload").flatMap((e) => e.handlers.filter((h) => h.enabled));
    for (const formHandler of handlers) {
      const { handler, name } = this.handlerOf(formHandler, "OnLoad");
      const { args, state } = createLoadEventArgs(1);
      const context = createEventContext(this.formContext, this.globalContext, this.formContext, args);
      // A handler past the timeout no longer holds the form: the next one runs (its own work goes on).
      await awaitHandler(runHandler(this, handler, context, name), () => state.asyncTimeoutDisabled, name).catch(() => undefined);
    }
  }

  private async read(): Promise<void> {
    if (!this.model.id) return;
    const columns = [...this.model.attributes.values()].map((a) => a.info);
    const record = await readRecord(this.options.session, this.model.entityName, this.model.id, columns, this.attributes.has("statecode"));
    this.model.etag = record.etag;
    this.model.stateCode = record.stateCode;
    this.model.primaryNameValue = record.primaryName;
    this.model.loadValues(record.values);
  }

  /** A person changed a value in a control: set it, then OnChange, as the platform does on commit. */
  userChanged(attribute: string, value: unknown): void {
    this.model.setValue(attribute, value);
    this.formContext.getAttribute(attribute)?.fireOnChange();
  }

  private async runOnSave(saveMode: number): Promise<void> {
    const reference = { id: this.model.id ? formId(this.model.id) : "", entityType: this.model.entityName, name: this.model.primaryNameValue ?? undefined };
    const { args, state } = createSaveEventArgs(saveMode, reference);
    const context = createEventContext(this.formContext, this.globalContext, this.formContext, args);
    const handlers = this.onSaveHandlers.map(({ handler, name }) => ({ name, run: () => handler(context) }));
    if (!(await runSaveHandlers(handlers, state, (error, name) => this.reportScriptError(error, name)))) {
      throw new SaveCancelledError("The save was cancelled by an OnSave event handler.");
    }
  }

  /**
   * formContext.data.save (and refresh(true)) save only when something changed; the Save button and
   * data.entity.save always save, OnSave included (`always`).
   */
  save(saveMode: number, always = false): Promise<void> {
    if (this.saving) return this.saving;
    if (!always && this.model.id && this.model.dirtyAttributes.length === 0) return Promise.resolve();
    this.saving = this.doSave(saveMode).finally(() => {
      this.saving = null;
    });
    return this.saving;
  }

  private async doSave(saveMode: number): Promise<void> {
    const texts = clientApiTexts(this.options.session.languageId);
    await this.runOnSave(saveMode);
    const missing = [...this.model.attributes.values()].filter((a) => a.requiredLevel === "required" && (a.value === null || a.value === ""));
    if (missing.length > 0) {
      const labels = missing.map((a) => this.model.controlsOf(a.name)[0]?.label ?? a.name).join(", ");
      const message = texts.required.replace("{0}", labels);
      this.model.setFormNotification({ uniqueId: "sandbox.required", level: "ERROR", message });
      throw new SaveCancelledError(message);
    }
    this.model.clearFormNotification("sandbox.required");
    try {
      const body = await saveBody(this.options.session, [...this.model.attributes.values()], (name) => this.model.isDirty(name));
      this.model.id = await writeRecord(this.options.session, this.model.entityName, this.model.id, this.model.etag, body);
      await this.read();
    } catch (error) {
      const message = isWebApiError(error) || error instanceof Error ? error.message : String(error);
      await this.options.api.sandbox.xrm.Navigation.openErrorDialog({ message, errorCode: isWebApiError(error) ? error.errorCode : undefined });
      throw error;
    }
  }

  async refresh(save: boolean): Promise<void> {
    if (save) await this.save(1);
    await this.read();
  }

  /**
   * formContext.ui.refreshRibbon: the sandbox's command bar is Sales' own commands, whose state
   * follows the form's (re-rendered on every change), with no solution rules to evaluate again.
   */
  refreshRibbon(): void {
    // Nothing to re-evaluate.
  }

  close(): void {
    this.options.navigate({ pagetype: "entitylist", etn: this.model.entityName });
  }

  reportScriptError(error: unknown, handlerName: string): void {
    const message = error instanceof Error || isWebApiError(error) ? error.message : String(error);
    void this.options.api.sandbox.xrm.Navigation.openErrorDialog({ message: `${handlerName}: ${message}` });
  }

  dispose(): void {
    this.options.api.sandbox.setPage(null);
  }
}
