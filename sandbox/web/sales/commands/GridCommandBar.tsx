import * as React from "react";
import { CommandBar, type ICommandBarItemProps } from "@fluentui/react";
import type { PageTarget, SalesSession } from "../../shared/session";
import { DialogHost } from "../clientApi/DialogHost";
import { loadAttributeMetadata } from "../clientApi/attributeMetadata";
import { formId } from "../clientApi/entityMetadata";
import { useClientApi } from "../clientApi/useClientApi";
import { askCloseDetails } from "./CloseOpportunityDialog";
import { commandTexts } from "./commandTexts";
import { qualifyLeadsFromGrid, showError, type GridCommandHost } from "./leadCommands";
import { closeOpportunityFromGrid, type AskCloseDetails } from "./opportunityCommands";
import { GridButtons, gridCommandState, label, type GridCommandKey } from "./salesCommands";

export interface GridCommandBarProps {
  entityName: string;
  selected: { id: string; name: string }[];
  session: SalesSession;
  refresh(): void;
  /** Where Xrm.Navigation.openForm goes from the grid (optional: without it, openForm is a no-op). */
  navigate?(target: PageTarget): void;
  /** The Close Opportunity dialog; default: the Fluent UI dialog. */
  askCloseDetails?: AskCloseDetails;
}

/** The home grid command bar above a view: Sales' grid commands for the table. */
export function GridCommandBar(props: GridCommandBarProps) {
  const { entityName, session, selected } = props;
  const api = useClientApi(session, (target) => props.navigate?.(target));
  const texts = commandTexts(session.languageId);
  const running = React.useRef(false);

  const command = async (key: GridCommandKey, host: GridCommandHost): Promise<void> => {
    if (key === "qualify") return qualifyLeadsFromGrid(host);
    const statusOptions = (await loadAttributeMetadata(session, entityName, session.languageId)).get("statuscode")?.options ?? [];
    const ask = props.askCloseDetails ?? askCloseDetails;
    return closeOpportunityFromGrid(host, { isWon: key === "closeWon", languageId: session.languageId, statusOptions, ask });
  };

  const run = (key: GridCommandKey) => {
    if (!api || running.current) return;
    running.current = true;
    const host: GridCommandHost = {
      selected: selected.map((row) => ({ id: formId(row.id), name: row.name })),
      refresh: props.refresh,
      xrm: api.sandbox.xrm,
    };
    command(key, host)
      .catch((error: unknown) => showError(api.sandbox.xrm, error))
      .finally(() => {
        running.current = false;
      });
  };

  const { visible, enabled } = gridCommandState(entityName, selected.length);
  const items: ICommandBarItemProps[] = visible
    ? (GridButtons[entityName] ?? []).map((button) => {
        const text = label(button, session.languageId);
        const on = enabled && !!api;
        return {
          key: button.key,
          text,
          ariaLabel: text,
          iconProps: { iconName: button.icon },
          disabled: !on,
          title: on ? undefined : texts.disabledGrid.replace("{0}", text),
          onClick: () => run(button.key),
        };
      })
    : [];
  return (
    <>
      <CommandBar items={items} ariaLabel={texts.commands} styles={{ root: { padding: 0, height: 44 } }} />
      {api ? <DialogHost store={api.dialogs} languageId={session.languageId} /> : null}
    </>
  );
}
