import type { AttributeInfo } from "./attributeMetadata";
import { createFormContext, type FormHost } from "./formContext";
import { FormModel } from "./formModel";

const info = (logicalName: string, kind: AttributeInfo["kind"], options: AttributeInfo["options"] = []): AttributeInfo => ({
  logicalName,
  kind,
  clientType: kind,
  options,
  targets: [],
});

function form(stateCode = 0) {
  const model = new FormModel("lead", "5a1e0c0e-0000-4000-8000-000000000001", "fullname");
  model.addAttribute(info("lastname", "string"));
  model.addAttribute(info("statuscode", "optionset", [{ value: 1, text: "New", state: 0 }, { value: 4, text: "Lost", state: 2 }]));
  model.addControl({ name: "lastname", attribute: "lastname", label: "Last name", disabledByForm: false });
  model.addControl({ name: "header_lastname", attribute: "lastname", label: "Last name", disabledByForm: false });
  model.addControl({ name: "header_statuscode", attribute: "statuscode", label: "Status reason", disabledByForm: false });
  model.loadValues({ lastname: "Virtanen", statuscode: 1 });
  model.stateCode = stateCode;
  const errors: string[] = [];
  const host: FormHost = {
    save: jest.fn(async () => undefined),
    refresh: jest.fn(async () => undefined),
    refreshRibbon: jest.fn(),
    close: jest.fn(),
    reportScriptError: (error, name) => errors.push(`${name}: ${(error as Error).message}`),
    globalContext: { userSettings: { languageId: 1033 } } as unknown as Xrm.GlobalContext,
  };
  return { model, host, errors, context: createFormContext(model, host) };
}

describe("formContext", () => {
  it("gives the record's id with braces in upper case, the entity name and the form type", () => {
    const { context } = form();
    expect(context.data.entity.getId()).toBe("{5A1E0C0E-0000-4000-8000-000000000001}");
    expect(context.data.entity.getEntityName()).toBe("lead");
    expect(context.ui.getFormType()).toBe(2);
    expect(form(1).context.ui.getFormType()).toBe(3);
  });

  it("tracks dirty columns from setValue, without firing OnChange (the platform does not)", () => {
    const { context } = form();
    const lastName = context.getAttribute("lastname")!;
    const handler = jest.fn();
    lastName.addOnChange(handler);
    expect(context.data.entity.getIsDirty()).toBe(false);
    lastName.setValue("Laine");
    expect(lastName.getValue()).toBe("Laine");
    expect(lastName.getIsDirty()).toBe(true);
    expect(context.data.entity.getIsDirty()).toBe(true);
    expect(handler).not.toHaveBeenCalled();
    lastName.setValue("Virtanen");
    expect(context.data.entity.getIsDirty()).toBe(false);
  });

  it("fires OnChange handlers with an execution context whose source is the attribute, and reports a throwing handler", () => {
    const { context, errors } = form();
    const lastName = context.getAttribute("lastname")!;
    const seen: unknown[] = [];
    lastName.addOnChange((ctx) => {
      seen.push(ctx.getEventSource(), ctx.getFormContext(), ctx.getDepth());
    });
    lastName.addOnChange(() => {
      throw new Error("broken handler");
    });
    lastName.fireOnChange();
    expect(seen).toEqual([lastName, context, 1]);
    expect(errors).toEqual(["lastname OnChange #2: broken handler"]);
  });

  it("lists every control of a column (body and header) and keeps notifications per control", () => {
    const { context, model } = form();
    const names: string[] = [];
    context.getAttribute("lastname")!.controls.forEach((control) => names.push(control.getName()));
    expect(names).toEqual(["lastname", "header_lastname"]);
    const control = context.getControl<Xrm.Controls.StandardControl>("lastname")!;
    control.setNotification("Contact last name is missing.", "cb2b.lead.qualifyColumn");
    expect(model.controls.get("lastname")!.notifications).toEqual([{ message: "Contact last name is missing.", uniqueId: "cb2b.lead.qualifyColumn", level: "ERROR" }]);
    expect(model.controls.get("header_lastname")!.notifications).toEqual([]);
    control.clearNotification("cb2b.lead.qualifyColumn");
    expect(model.controls.get("lastname")!.notifications).toEqual([]);
    control.setDisabled(true);
    expect(control.getDisabled()).toBe(true);
    expect(context.getControl("nothing")).toBeNull();
    expect(context.getAttribute("nothing")).toBeNull();
  });

  it("replaces a form notification with the same id and clears it", () => {
    const { context, model } = form();
    context.ui.setFormNotification("first", "INFO", "a");
    context.ui.setFormNotification("second", "ERROR", "a");
    context.ui.setFormNotification("other", "WARNING", "b");
    expect(model.formNotifications).toEqual([
      { uniqueId: "a", message: "second", level: "ERROR" },
      { uniqueId: "b", message: "other", level: "WARNING" },
    ]);
    expect(context.ui.clearFormNotification("a")).toBe(true);
    expect(model.formNotifications.map((n) => n.uniqueId)).toEqual(["b"]);
  });

  it("reads option set labels and hands save, refresh and refreshRibbon to the page", async () => {
    const { context, host } = form();
    const status = context.getAttribute<Xrm.Attributes.OptionSetAttribute>("statuscode")!;
    expect(status.getText()).toBe("New");
    expect(status.getOptions()).toEqual([{ value: 1, text: "New" }, { value: 4, text: "Lost" }]);
    await context.data.save({ saveMode: 16 as XrmEnum.SaveMode });
    await context.data.refresh(false);
    context.ui.refreshRibbon();
    expect(host.save).toHaveBeenCalledWith(16);
    expect(host.refresh).toHaveBeenCalledWith(false);
    expect(host.refreshRibbon).toHaveBeenCalled();
  });

  it("names the Client API members the sandbox does not implement", () => {
    const { context } = form();
    expect(() => (context.ui as unknown as Record<string, unknown>).tabs).toThrow("The sandbox does not implement formContext.ui.tabs");
    expect(() => context.data.entity.getDataXml()).toThrow("The sandbox does not implement formContext.data.entity.getDataXml");
    expect(() => (context.getAttribute("lastname") as unknown as Record<string, unknown>).getMaxLength).toThrow(
      "The sandbox does not implement Xrm.Attributes.Attribute('lastname').getMaxLength",
    );
  });
});
