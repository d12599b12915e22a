import * as React from "react";
import { Dropdown, Stack, Text } from "@fluentui/react";
import type { LanguageId } from "../../shared/session";
import type { FormController } from "./formController";
import type { MainForm } from "./formSelection";
import type { FormDefinition } from "./formXml";
import { formatValue } from "./formatValue";
import { recordTexts } from "./recordTexts";

export interface FormHeaderProps {
  title: string;
  entityLabel: string;
  dirty: boolean;
  definition: FormDefinition;
  controller: FormController;
  forms: MainForm[];
  formId: string;
  languageId: LanguageId;
  onSwitchForm(formId: string): void;
}

/** Record title, the form selector and the header fields (value over label), as the model-driven header. */
export function FormHeader(props: FormHeaderProps) {
  const texts = recordTexts(props.languageId);
  const model = props.controller.model;
  return (
    <Stack horizontal horizontalAlign="space-between" verticalAlign="start" wrap tokens={{ childrenGap: 16 }} styles={{ root: { padding: "12px 0" } }}>
      <Stack tokens={{ childrenGap: 2 }}>
        <Text as="h1" variant="xLarge" styles={{ root: { fontWeight: 600, margin: 0 } }}>
          {props.title}
          {props.dirty ? <Text variant="small">{` - ${texts.unsaved}`}</Text> : null}
        </Text>
        <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 6 }}>
          <Text variant="small">{props.entityLabel} ·</Text>
          <Dropdown
            ariaLabel={texts.formSelector}
            selectedKey={props.formId}
            options={props.forms.map((f) => ({ key: f.formId, text: f.name }))}
            onChange={(_e, option) => option && option.key !== props.formId && props.onSwitchForm(String(option.key))}
            styles={{ dropdown: { minWidth: 180, border: "none" }, title: { border: "none", fontSize: 12 } }}
          />
        </Stack>
      </Stack>
      <Stack horizontal tokens={{ childrenGap: 24 }} role="group" aria-label={texts.headerFields}>
        {props.definition.header.map((cell) => {
          const control = cell.control && model.controls.get(cell.control.id);
          const attribute = control?.attribute ? model.attributes.get(control.attribute) : undefined;
          if (!control || !attribute || !control.visible) return null;
          return (
            <Stack key={control.name} data-control-name={control.name} tokens={{ childrenGap: 0 }}>
              <Text variant="medium" styles={{ root: { fontWeight: 600 } }}>
                {formatValue(attribute.info, attribute.value, props.languageId)}
              </Text>
              <Text variant="small">{control.label}</Text>
              {control.notifications.map((n) => (
                <Text key={n.uniqueId} variant="small" styles={{ root: { color: "#a4262c" } }}>
                  {n.message}
                </Text>
              ))}
            </Stack>
          );
        })}
      </Stack>
    </Stack>
  );
}
