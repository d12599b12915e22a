import * as React from "react";
import { CommandBar, type ICommandBarItemProps } from "@fluentui/react";
import type { SalesSession } from "../../shared/session";
import type { OptionInfo } from "../clientApi/attributeMetadata";
import { askCloseDetails } from "./CloseOpportunityDialog";
import { commandTexts } from "./commandTexts";
import { disqualifyLead, qualifyLead, showError, type FormCommandHost } from "./leadCommands";
import { closeOpportunity, type AskCloseDetails } from "./opportunityCommands";
import { FormButtons, formCommandState, label, type CommandButton, type FormCommandKey } from "./salesCommands";

export interface FormCommandBarProps {
  entityName: string;
  session: SalesSession;
  /** The open form: its formContext, save with a save mode, reload, and the page's Xrm. */
  host: FormCommandHost;
  formType: number;
  canWrite: boolean;
  /** statuscode options with their statecode, from the table's metadata: the Disqualify menu and the Close dialog list them. */
  statusOptions: readonly OptionInfo[];
  /** The form saves and refreshes itself (Save / Refresh buttons). */
  onSave(): void;
  onRefresh(): void;
  /** The Close Opportunity dialog; default: the Fluent UI dialog. */
  askCloseDetails?: AskCloseDetails;
}

/** The model-driven form command bar with Sales' commands for the table. */
export function FormCommandBar(props: FormCommandBarProps) {
  const { entityName, session, host, statusOptions } = props;
  const texts = commandTexts(session.languageId);
  // A command runs once at a time, as the platform's command bar does.
  const running = React.useRef(false);

  const command = (key: FormCommandKey, statusCode?: number): Promise<void> => {
    const ask = props.askCloseDetails ?? askCloseDetails;
    switch (key) {
      case "qualify":
        return qualifyLead(host);
      case "disqualify":
        return disqualifyLead(host, statusCode as number);
      case "closeWon":
      case "closeLost":
        return closeOpportunity(host, { isWon: key === "closeWon", languageId: session.languageId, statusOptions, ask });
      default:
        return Promise.resolve();
    }
  };

  const run = (button: CommandButton<FormCommandKey>, statusCode?: number) => {
    if (button.key === "save") return props.onSave();
    if (button.key === "refresh") return props.onRefresh();
    if (running.current) return;
    running.current = true;
    command(button.key, statusCode)
      .catch((error: unknown) => showError(host.xrm, error))
      .finally(() => {
        running.current = false;
      });
  };

  const items: ICommandBarItemProps[] = (FormButtons[entityName] ?? []).flatMap((button) => {
    const { visible, enabled } = formCommandState(button.key, props.formType, props.canWrite);
    if (!visible) return [];
    const text = label(button, session.languageId);
    const item: ICommandBarItemProps = {
      key: button.key,
      text,
      ariaLabel: text,
      iconProps: { iconName: button.icon },
      disabled: !enabled,
      title: enabled ? undefined : texts.disabled.replace("{0}", text),
      onClick: () => run(button),
    };
    if (button.menuForState !== undefined) {
      item.onClick = undefined;
      item.subMenuProps = {
        items: statusOptions
          .filter((o) => o.state === button.menuForState)
          .map((reason) => ({ key: `${button.key}-${reason.value}`, text: reason.text, onClick: () => run(button, reason.value) })),
      };
    }
    return [item];
  });

  return <CommandBar items={items} ariaLabel={texts.commands} overflowButtonProps={{ ariaLabel: texts.more }} styles={{ root: { padding: 0, height: 44 } }} />;
}
