import * as React from "react";
import { CommandBar, type ICommandBarItemProps } from "@fluentui/react";
import type { PageTarget, SalesSession } from "../../shared/session";
import { DialogHost } from "../clientApi/DialogHost";
import { formId } from "../clientApi/entityMetadata";
import { loadScript } from "../clientApi/scriptLoader";
import { notImplemented, strict } from "../clientApi/strict";
import { useClientApi } from "../clientApi/useClientApi";
import { commandTexts } from "./commandTexts";
import { loadRibbon } from "./ribbonSource";
import type { RibbonDiff } from "./ribbonXml";
import { runActions, type CommandEnvironment } from "./ruleEvaluator";
import { EntityTypeCodes, GridButtons, commandInForce, type CommandButton } from "./salesCommands";
import { label, useCommandStates } from "./useCommandStates";

export interface GridCommandBarProps {
  entityName: string;
  selected: { id: string; name: string }[];
  session: SalesSession;
  refresh(): void;
  /** Where Xrm.Navigation.openForm goes from the grid (optional: without it, openForm is a no-op). */
  navigate?(target: PageTarget): void;
}

/** The home grid command bar above a view: Sales' grid commands with the solution's overrides and rules. */
export function GridCommandBar(props: GridCommandBarProps) {
  const { entityName, session, selected } = props;
  const api = useClientApi(session, (target) => props.navigate?.(target));
  const [diff, setDiff] = React.useState<RibbonDiff | null>(null);
  const [version, setVersion] = React.useState(0);
  React.useEffect(() => {
    let current = true;
    void loadRibbon(session, entityName).then((loaded) => current && setDiff(loaded));
    return () => {
      current = false;
    };
  }, [session, entityName]);

  // SelectedControl: the grid as the Client API's GridControl, reduced to what grid commands call.
  const refreshRef = React.useRef(props.refresh);
  refreshRef.current = props.refresh;
  const grid = React.useMemo(
    () => strict("SelectedControl", { refresh: () => refreshRef.current(), getEntityName: () => entityName, getName: () => `${entityName}_grid` }),
    [entityName],
  );
  const references = selected.map((row) => ({ Id: formId(row.id), Name: row.name, TypeName: entityName, TypeCode: EntityTypeCodes[entityName] }));
  const env: CommandEnvironment = {
    canWrite: true,
    selectionCount: selected.length,
    loadLibrary: (name) => loadScript(session.clientUrl, name),
    crmParameter: (name) => {
      switch (name) {
        case "SelectedControl":
          return grid;
        case "SelectedControlSelectedItemReferences":
          return references;
        case "SelectedControlSelectedItemIds":
          return references.map((r) => r.Id);
        case "SelectedEntityTypeCode":
          return EntityTypeCodes[entityName];
        case "SelectedEntityTypeName":
          return entityName;
        default:
          throw notImplemented(`the ribbon CrmParameter '${name}' on grids`);
      }
    },
  };
  const selectionKey = selected.map((s) => s.id).join(",");
  const states = useCommandStates(GridButtons[entityName] ?? [], api ? diff : null, env, `${version}|${selectionKey}`, `${entityName}|NoRelationship|HomePageGrid|`);
  const texts = commandTexts(session.languageId);

  const run = (button: CommandButton) => {
    const command = diff && commandInForce(button.commandId!, diff);
    if (!command || !api) return;
    runActions(command.actions, env, `${entityName}|NoRelationship|HomePageGrid|${command.id}`)
      .catch((error: unknown) => void api.sandbox.xrm.Navigation.openErrorDialog({ message: error instanceof Error ? error.message : String(error) }))
      .finally(() => setVersion((v) => v + 1));
  };

  const items: ICommandBarItemProps[] = states
    .filter((s) => s.visible)
    .map(({ button, enabled }) => {
      const text = label(button, session.languageId);
      return {
        key: button.key,
        text,
        ariaLabel: text,
        iconProps: { iconName: button.icon },
        disabled: !enabled,
        title: enabled ? undefined : texts.disabledGrid.replace("{0}", text),
        onClick: () => run(button),
      };
    });
  return (
    <>
      <CommandBar items={items} ariaLabel={texts.commands} styles={{ root: { padding: 0, height: 44 } }} />
      {api ? <DialogHost store={api.dialogs} languageId={session.languageId} /> : null}
    </>
  );
}
