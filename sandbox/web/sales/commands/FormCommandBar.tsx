import * as React from "react";
import { CommandBar, type ICommandBarItemProps } from "@fluentui/react";
import type { SalesSession } from "../../shared/session";
import type { OptionInfo } from "../clientApi/attributeMetadata";
import { loadScript } from "../clientApi/scriptLoader";
import { notImplemented } from "../clientApi/strict";
import { commandTexts } from "./commandTexts";
import { loadRibbon } from "./ribbonSource";
import type { RibbonDiff } from "./ribbonXml";
import { runActions, type CommandEnvironment } from "./ruleEvaluator";
import { EntityTypeCodes, FormButtons, commandInForce, disqualifySourceControlId, type CommandButton } from "./salesCommands";
import { label, useCommandStates } from "./useCommandStates";

export interface FormCommandBarProps {
  entityName: string;
  session: SalesSession;
  formContext: Xrm.FormContext;
  formType: number;
  canWrite: boolean;
  /** statuscode options (with their statecode): the Disqualify menu lists those of its status. */
  statusOptions: OptionInfo[];
  /** Changes whenever the rules must be evaluated again (load, save, refresh, ui.refreshRibbon). */
  version: number;
  /** The form saves and refreshes itself (Save / Refresh buttons). */
  onSave(): void;
  onRefresh(): void;
  onScriptError(error: unknown, name: string): void;
  /** Called after a command's actions finished, so the page can re-evaluate rules. */
  onCommandDone(): void;
}

/** The model-driven form command bar: Sales' commands for the table, with the solution's overrides and rules. */
export function FormCommandBar(props: FormCommandBarProps) {
  const { entityName, session, formContext } = props;
  const [diff, setDiff] = React.useState<RibbonDiff | null>(null);
  React.useEffect(() => {
    let current = true;
    loadRibbon(session, entityName).then(
      (loaded) => current && setDiff(loaded),
      (error: unknown) => props.onScriptError(error, `${entityName} ribbon`),
    );
    return () => {
      current = false;
    };
    // The ribbon is read once per table.
  }, [session, entityName]);

  const env: CommandEnvironment = {
    formType: props.formType,
    canWrite: props.canWrite,
    loadLibrary: (name) => loadScript(session.clientUrl, name),
    crmParameter: (name, sourceControlId) => {
      switch (name) {
        case "PrimaryControl":
          return formContext;
        case "CommandProperties":
          return { SourceControlId: sourceControlId };
        case "PrimaryEntityTypeName":
          return entityName;
        case "PrimaryEntityTypeCode":
          return EntityTypeCodes[entityName];
        case "FirstPrimaryItemId":
          return formContext.data.entity.getId();
        case "PrimaryItemIds":
          return [formContext.data.entity.getId()];
        default:
          throw notImplemented(`the ribbon CrmParameter '${name}' on forms`);
      }
    },
  };
  const buttons = FormButtons[entityName] ?? [];
  const states = useCommandStates(buttons, diff, env, `${props.version}|${props.formType}`, `${entityName}|NoRelationship|Form|`);
  const texts = commandTexts(session.languageId);

  const run = (button: CommandButton, sourceControlId: string) => {
    if (button.builtin === "save") return props.onSave();
    if (button.builtin === "refresh") return props.onRefresh();
    const command = diff && commandInForce(button.commandId!, diff);
    if (!command) return;
    runActions(command.actions, env, sourceControlId)
      .catch((error: unknown) => props.onScriptError(error, command.id))
      .finally(() => props.onCommandDone());
  };

  const items: ICommandBarItemProps[] = states
    .filter((state) => state.visible)
    .map(({ button, enabled }) => {
      const text = label(button, session.languageId);
      const item: ICommandBarItemProps = {
        key: button.key,
        text,
        ariaLabel: text,
        iconProps: { iconName: button.icon },
        disabled: !enabled,
        title: enabled ? undefined : texts.disabled.replace("{0}", text),
        onClick: () => run(button, `${entityName}|NoRelationship|Form|${button.commandId ?? button.key}`),
      };
      if (button.menuForState !== undefined) {
        const reasons = props.statusOptions.filter((o) => o.state === button.menuForState);
        item.onClick = undefined;
        item.subMenuProps = {
          items: reasons.map((reason) => ({
            key: `${button.key}-${reason.value}`,
            text: reason.text,
            onClick: () => run(button, disqualifySourceControlId(reason.value)),
          })),
        };
      }
      return item;
    });

  return <CommandBar items={items} ariaLabel={texts.commands} overflowButtonProps={{ ariaLabel: texts.more }} styles={{ root: { padding: 0, height: 44 } }} />;
}
