import * as React from "react";
import { Checkbox, Dropdown, Label, Link, MessageBar, MessageBarType, Stack, Text, TextField } from "@fluentui/react";
import type { LanguageId, PageTarget } from "../../shared/session";
import type { AttributeInfo } from "../clientApi/attributeMetadata";
import { bareId } from "../clientApi/entityMetadata";
import type { ControlState } from "../clientApi/formModel";
import { dateInputValue, formatValue } from "./formatValue";
import { recordTexts } from "./recordTexts";

/** Standard control classids whose input type differs from plain text. */
const INPUT_TYPES: Record<string, string> = {
  "{ADA2203E-B4CD-49BE-9DDF-234642B43B52}": "email",
  "{71716B6C-711E-476C-8AB8-5D11542BFB47}": "url",
  "{8C10015A-B339-4982-9474-A95FE05631A5}": "tel",
};

export interface FieldControlProps {
  control: ControlState;
  classId: string;
  info: AttributeInfo;
  value: unknown;
  readOnly: boolean;
  required: boolean;
  showLabel: boolean;
  languageId: LanguageId;
  onCommit(value: unknown): void;
  navigate(target: PageTarget): void;
}

function parseNumber(text: string, kind: AttributeInfo["kind"]): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (!trimmed) return null;
  const value = Number(trimmed);
  if (Number.isNaN(value)) return null;
  return kind === "integer" ? Math.trunc(value) : value;
}

/** A text-like input that keeps the person's draft and commits it on blur or Enter (then OnChange). */
function DraftTextField(props: FieldControlProps & { errorMessage?: string }) {
  const { info, value, onCommit } = props;
  const shown = value === null || value === undefined ? "" : info.kind === "datetime" ? dateInputValue(value) : String(value);
  const [draft, setDraft] = React.useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    if (draft === shown) return;
    if (info.kind === "integer" || info.kind === "decimal" || info.kind === "money") onCommit(parseNumber(draft, info.kind));
    else if (info.kind === "datetime") onCommit(draft ? new Date(`${draft}T00:00:00`) : null);
    else onCommit(draft === "" ? null : draft);
  };
  const type = info.kind === "datetime" ? "date" : info.kind === "integer" || info.kind === "decimal" || info.kind === "money" ? "number" : (INPUT_TYPES[props.classId] ?? "text");
  return (
    <TextField
      label={props.showLabel ? props.control.label : undefined}
      ariaLabel={props.control.label}
      required={props.required}
      type={type}
      multiline={info.kind === "memo"}
      autoAdjustHeight={info.kind === "memo"}
      value={draft ?? shown}
      readOnly={props.readOnly}
      disabled={props.readOnly}
      onChange={(_e, next) => setDraft(next ?? "")}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter" && info.kind !== "memo") commit();
      }}
      errorMessage={props.errorMessage}
    />
  );
}

/** One form control: the right Fluent input for the column's type, with its notifications under it. */
export function FieldControl(props: FieldControlProps) {
  const { control, info, value, readOnly, languageId } = props;
  const texts = recordTexts(languageId);
  const errorMessage = control.notifications.filter((n) => n.level === "ERROR").map((n) => n.message).join(" ") || undefined;
  const recommendations = control.notifications.filter((n) => n.level !== "ERROR");
  let input: React.ReactNode;
  switch (info.kind) {
    case "optionset":
      input = (
        <Dropdown
          label={props.showLabel ? control.label : undefined}
          ariaLabel={control.label}
          required={props.required}
          disabled={readOnly}
          selectedKey={typeof value === "number" ? value : null}
          options={info.options.map((o) => ({ key: o.value, text: o.text }))}
          onChange={(_e, option) => option && props.onCommit(Number(option.key))}
          errorMessage={errorMessage}
        />
      );
      break;
    case "boolean":
      input = (
        <Stack tokens={{ childrenGap: 4 }}>
          {props.showLabel ? <Label>{control.label}</Label> : null}
          <Checkbox ariaLabel={control.label} label={value === true ? texts.yes : texts.no} checked={value === true} disabled={readOnly} onChange={(_e, checked) => props.onCommit(!!checked)} />
          {errorMessage ? <Text styles={{ root: { color: "#a4262c" } }}>{errorMessage}</Text> : null}
        </Stack>
      );
      break;
    case "lookup": {
      const lookup = (value as Xrm.LookupValue[] | null)?.[0];
      input = (
        <Stack tokens={{ childrenGap: 4 }}>
          {props.showLabel ? <Label>{control.label}</Label> : null}
          {lookup ? (
            <Link aria-label={`${control.label}: ${lookup.name ?? ""}`} onClick={() => props.navigate({ pagetype: "entityrecord", etn: lookup.entityType, id: bareId(lookup.id) })}>
              {lookup.name ?? texts.emptyValue}
            </Link>
          ) : (
            <Text aria-label={control.label}>{texts.emptyValue}</Text>
          )}
          {errorMessage ? <Text styles={{ root: { color: "#a4262c" } }}>{errorMessage}</Text> : null}
        </Stack>
      );
      break;
    }
    case "other":
      input = <TextField label={control.label} value={formatValue(info, value, languageId)} readOnly disabled />;
      break;
    default:
      input = <DraftTextField {...props} errorMessage={errorMessage} />;
  }
  return (
    <div data-control-name={control.name}>
      {input}
      {recommendations.map((n) => (
        <MessageBar key={n.uniqueId} messageBarType={MessageBarType.info}>
          {n.message}
        </MessageBar>
      ))}
    </div>
  );
}
