import * as React from "react";
import { Pivot, PivotItem, Stack, Text } from "@fluentui/react";
import type { LanguageId, PageTarget, SalesSession } from "../../shared/session";
import { PcfControlHost } from "../pcf/PcfControlHost";
import type { PcfControlHostProps } from "../pcf/types";
import type { FormController } from "./formController";
import type { FormCell, FormDefinition, FormSection } from "./formXml";
import { FieldControl } from "./FieldControl";

export interface FormBodyProps {
  definition: FormDefinition;
  controller: FormController;
  session: SalesSession;
  navigate(target: PageTarget): void;
  /** Renders a code component placement; default: the Sales shell's PCF host. */
  renderPcf?: (props: PcfControlHostProps) => React.ReactNode;
}

function pcfValues(controller: FormController): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  controller.model.attributes.forEach((attribute, name) => {
    values[name] = attribute.value;
  });
  return values;
}

/** One cell: its code component when the form configures one for the web, else the standard control. */
export function CellView({ cell, controller, session, navigate, renderPcf }: { cell: FormCell } & Omit<FormBodyProps, "definition">) {
  const control = cell.control;
  if (!control) return null;
  const state = controller.model.controls.get(control.id);
  if (!state || !state.visible) return null;
  if (control.custom) {
    const model = controller.model;
    const render = renderPcf ?? ((pcf: PcfControlHostProps) => <PcfControlHost {...pcf} />);
    return (
      <div data-control-name={control.id}>
        {render({
          controlName: control.custom.name,
          parameters: control.custom.parameters,
          record: { entityName: model.entityName, id: model.id, name: model.primaryNameValue ?? "" },
          values: pcfValues(controller),
          session,
          onOutputChanged: (column, value) => controller.userChanged(column, value),
          navigate,
        })}
      </div>
    );
  }
  const attribute = state.attribute ? controller.model.attributes.get(state.attribute) : undefined;
  if (!attribute) return <Text>{cell.label}</Text>;
  return (
    <FieldControl
      control={state}
      classId={control.classId}
      info={attribute.info}
      value={attribute.value}
      readOnly={controller.model.readOnly || state.disabled}
      required={attribute.requiredLevel === "required"}
      showLabel={cell.showLabel}
      languageId={session.languageId as LanguageId}
      onCommit={(value) => controller.userChanged(attribute.name, value)}
      navigate={navigate}
    />
  );
}

/** A section card, as the model-driven form shows it: title, then its rows of fields. */
function SectionCard({ section, ...rest }: { section: FormSection } & Omit<FormBodyProps, "definition">) {
  return (
    <section aria-label={section.label} style={{ background: "#fff", borderRadius: 4, boxShadow: "0 1.6px 3.6px rgba(0,0,0,.13), 0 0.3px 0.9px rgba(0,0,0,.11)", padding: "12px 16px", marginBottom: 16 }}>
      {section.showLabel ? (
        <Text as="h2" variant="mediumPlus" styles={{ root: { fontWeight: 600, margin: "0 0 8px" } }}>
          {section.label}
        </Text>
      ) : null}
      <Stack tokens={{ childrenGap: 10 }}>
        {section.rows.map((row, i) => (
          <Stack horizontal key={i} tokens={{ childrenGap: 12 }}>
            {row.map((cell) => (
              <Stack.Item grow key={cell.id || cell.control?.id}>
                <CellView cell={cell} {...rest} />
              </Stack.Item>
            ))}
          </Stack>
        ))}
      </Stack>
    </section>
  );
}

/** Tabs as a Pivot, each tab's columns side by side with their section cards. */
export function FormBody({ definition, ...rest }: FormBodyProps) {
  return (
    <Pivot aria-label="tabs" headersOnly={false}>
      {definition.tabs.map((tab) => (
        <PivotItem key={tab.name} headerText={tab.label} itemKey={tab.name}>
          <Stack horizontal wrap tokens={{ childrenGap: 16 }} styles={{ root: { paddingTop: 12 } }}>
            {tab.columns.map((column, i) => (
              // Columns share the row by their formxml width (50% / 50% side by side), wrapping when narrow.
              <Stack.Item key={i} styles={{ root: { flex: `${parseFloat(column.width) || 100} 1 0`, minWidth: 320 } }}>
                {column.sections.map((section) => (
                  <SectionCard key={section.name} section={section} {...rest} />
                ))}
              </Stack.Item>
            ))}
          </Stack>
        </PivotItem>
      ))}
    </Pivot>
  );
}
