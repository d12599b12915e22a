import * as React from "react";
import type { LanguageId } from "../../shared/session";
import type { CommandEnvironment } from "./ruleEvaluator";
import { evaluateRules } from "./ruleEvaluator";
import type { RibbonDiff } from "./ribbonXml";
import { commandInForce, type CommandButton } from "./salesCommands";

export interface CommandState {
  button: CommandButton;
  visible: boolean;
  enabled: boolean;
}

/**
 * Evaluates the display and enable rules of every button whenever `version` changes (form load,
 * save, refresh, ui.refreshRibbon, a new selection). Until the rules answer, buttons show disabled.
 */
export function useCommandStates(buttons: CommandButton[], diff: RibbonDiff | null, env: CommandEnvironment, version: unknown, sourceControlId: string): CommandState[] {
  const [states, setStates] = React.useState<CommandState[]>(() => buttons.map((button) => ({ button, visible: true, enabled: false })));
  React.useEffect(() => {
    if (!diff) return;
    let current = true;
    void Promise.all(
      buttons.map(async (button): Promise<CommandState> => {
        if (button.builtin) {
          const enabled = button.builtin === "refresh" || (env.canWrite && env.formType !== 3 && env.formType !== 4);
          return { button, visible: true, enabled };
        }
        const command = commandInForce(button.commandId!, diff);
        if (!command) return { button, visible: false, enabled: false };
        const visible = await evaluateRules(command.displayRules, diff, env, sourceControlId);
        const enabled = visible && (await evaluateRules(command.enableRules, diff, env, sourceControlId));
        return { button, visible, enabled };
      }),
    ).then((next) => {
      if (current) setStates(next);
    });
    return () => {
      current = false;
    };
    // Re-evaluated on purpose only when the ribbon or the version changes, as the platform does.
  }, [diff, version]);
  return states;
}

export const label = (button: CommandButton, languageId: LanguageId) => button.label[languageId] ?? button.label[1033];
