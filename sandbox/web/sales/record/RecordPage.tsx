import * as React from "react";
import { MessageBar, MessageBarType, Spinner, SpinnerSize, Stack } from "@fluentui/react";
import type { LanguageId, PageTarget, SalesSession } from "../../shared/session";
import { DialogHost } from "../clientApi/DialogHost";
import { useClientApi } from "../clientApi/useClientApi";
import { FormCommandBar } from "../commands";
import type { PcfControlHostProps } from "../pcf/types";
import { FormBody } from "./FormBody";
import { FormController } from "./formController";
import { FormHeader } from "./FormHeader";
import { FormNotifications } from "./FormNotifications";
import { definitionOf, isCommerceRecord, loadMainForms, pickForm, type MainForm } from "./formSelection";
import type { FormDefinition } from "./formXml";
import { recordTexts } from "./recordTexts";

export interface RecordPageProps {
  entityName: string;
  id?: string;
  session: SalesSession;
  navigate(target: PageTarget): void;
  /** The form the URL asks for (main.aspx?…&formid=); default: see pickForm. */
  formId?: string;
  /** Renders a code component placement; default: the PCF host (sandbox/web/sales/pcf). */
  renderPcf?: (props: PcfControlHostProps) => React.ReactNode;
}

const ENTITY_LABELS: Record<string, Record<LanguageId, string>> = {
  lead: { 1033: "Lead", 1035: "Liidi" },
  opportunity: { 1033: "Opportunity", 1035: "Myyntimahdollisuus" },
  account: { 1033: "Account", 1035: "Asiakas" },
  contact: { 1033: "Contact", 1035: "Yhteyshenkilö" },
};

type Loaded = { forms: MainForm[]; form: MainForm; definition: FormDefinition; controller: FormController };

/** Re-renders on every change of the open form's model. */
function useModelTick(controller: FormController | undefined): void {
  const [, setTick] = React.useState(0);
  React.useEffect(() => controller?.model.subscribe(() => setTick((t) => t + 1)), [controller]);
}

/**
 * main.aspx?pagetype=entityrecord: a table's main form rendered from its formxml, running the form's
 * libraries and event handlers through the sandbox's Client API, under the Sales command bar.
 */
export function RecordPage(props: RecordPageProps) {
  const { entityName, id, session, navigate } = props;
  const languageId = session.languageId;
  const texts = recordTexts(languageId);
  const api = useClientApi(session, navigate);
  const [loaded, setLoaded] = React.useState<Loaded | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  useModelTick(loaded?.controller);

  React.useEffect(() => {
    if (!api) return;
    let current = true;
    let opened: FormController | undefined;
    setLoaded(null);
    setError(null);
    (async () => {
      const [forms, commerce] = await Promise.all([loadMainForms(session, entityName), isCommerceRecord(session, entityName, id)]);
      const form = pickForm(forms, props.formId, commerce);
      if (!form) throw new Error(texts.noForm);
      const definition = definitionOf(form, languageId);
      opened = await FormController.open({ session, api, entityName, id, definition, navigate });
      if (current) setLoaded({ forms, form, definition, controller: opened });
      else opened.dispose();
    })().catch((e: unknown) => {
      if (current) setError(texts.loadFailed.replace("{0}", e instanceof Error || (e && typeof e === "object" && "message" in e) ? String((e as Error).message) : String(e)));
    });
    return () => {
      current = false;
      opened?.dispose();
    };
    // A new record, table or form opens a new form; the session and callbacks are stable for a page.
  }, [api, entityName, id, props.formId]);

  // Form OnLoad runs once the form is on screen, as in the model-driven app.
  React.useEffect(() => {
    if (loaded) void loaded.controller.runOnLoad(loaded.definition);
  }, [loaded]);

  if (!api || (!loaded && !error)) return <Spinner size={SpinnerSize.large} label={texts.loading} styles={{ root: { marginTop: 48 } }} />;
  if (error || !loaded) return <MessageBar messageBarType={MessageBarType.error}>{error}</MessageBar>;

  const { controller, definition, form, forms } = loaded;
  const model = controller.model;
  const entityLabel = ENTITY_LABELS[entityName]?.[languageId] ?? entityName;
  const stateLabel = controller.attributes.get("statecode")?.options.find((o) => o.value === model.stateCode)?.text ?? String(model.stateCode);
  const title = model.id ? (model.primaryNameValue ?? "") : texts.newRecord.replace("{0}", entityLabel);
  // Save and Refresh from the bar: a failed save already showed its error dialog, and a cancelled
  // one was explained by the handler that cancelled it.
  const shown = () => undefined;
  const commandHost = {
    formContext: controller.formContext,
    // Sales' Qualify / Disqualify raise OnSave with their save mode even when nothing changed.
    saveAs: (saveMode: number) => controller.save(saveMode, true),
    reload: () => controller.refresh(false),
    xrm: api.sandbox.xrm,
  };

  return (
    <Stack styles={{ root: { padding: "0 16px 24px", background: "#faf9f8", minHeight: "100%" } }}>
      <DialogHost store={api.dialogs} languageId={languageId} />
      <FormCommandBar
        entityName={entityName}
        session={session}
        host={commandHost}
        formType={model.formType}
        canWrite={model.canWrite}
        statusOptions={controller.attributes.get("statuscode")?.options ?? []}
        onSave={() => void controller.save(1, true).catch(shown)}
        onRefresh={() => void controller.refresh(false).catch(shown)}
      />
      <FormHeader
        title={title}
        entityLabel={entityLabel}
        dirty={model.dirtyAttributes.length > 0}
        definition={definition}
        controller={controller}
        forms={forms}
        formId={form.formId}
        languageId={languageId}
        onSwitchForm={(formId) => navigate({ pagetype: "entityrecord", etn: entityName, id: model.id || undefined, formid: formId })}
      />
      {model.readOnly && model.id ? <MessageBar messageBarType={MessageBarType.info}>{texts.readOnly.replace("{0}", stateLabel)}</MessageBar> : null}
      <FormNotifications notifications={model.formNotifications} label={texts.notifications} />
      <FormBody definition={definition} controller={controller} session={session} navigate={navigate} renderPcf={props.renderPcf} />
    </Stack>
  );
}
