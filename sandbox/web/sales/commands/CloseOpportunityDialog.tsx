import * as React from "react";
import * as ReactDOM from "react-dom";
import { DefaultButton, Dialog, DialogFooter, DialogType, Dropdown, PrimaryButton, Stack, TextField } from "@fluentui/react";
import { closeTexts } from "./closeTexts";
import type { CloseDetails, CloseQuestion } from "./opportunityCommands";

function CloseOpportunityDialog({ question, answer }: { question: CloseQuestion; answer(details: CloseDetails | null): void }) {
  const texts = closeTexts(question.languageId);
  const [statusCode, setStatusCode] = React.useState(question.statusOptions[0]?.value);
  const [revenue, setRevenue] = React.useState(question.actualRevenue === null ? "" : String(question.actualRevenue));
  const [closeDate, setCloseDate] = React.useState(question.closeDate);
  const [description, setDescription] = React.useState("");
  const valid = statusCode !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(closeDate);
  const submit = () => {
    if (!valid) return;
    const parsed = Number(revenue.replace(",", "."));
    answer({ statusCode: statusCode!, actualRevenue: revenue.trim() === "" || Number.isNaN(parsed) ? null : parsed, closeDate, description });
  };
  return (
    <Dialog
      hidden={false}
      onDismiss={() => answer(null)}
      dialogContentProps={{ type: DialogType.normal, title: texts.title, showCloseButton: true, closeButtonAriaLabel: texts.cancel }}
      modalProps={{ isBlocking: true, isAlert: false }}
      minWidth={420}
    >
      <Stack tokens={{ childrenGap: 12 }}>
        <Dropdown
          label={texts.statusReason}
          required
          selectedKey={statusCode}
          options={question.statusOptions.map((o) => ({ key: o.value, text: o.text }))}
          onChange={(_e, option) => option && setStatusCode(Number(option.key))}
        />
        <TextField label={texts.actualRevenue} type="number" value={revenue} onChange={(_e, v) => setRevenue(v ?? "")} />
        <TextField label={texts.closeDate} type="date" required value={closeDate} onChange={(_e, v) => setCloseDate(v ?? "")} errorMessage={valid ? undefined : texts.required} />
        <TextField label={texts.description} multiline rows={3} value={description} onChange={(_e, v) => setDescription(v ?? "")} />
      </Stack>
      <DialogFooter>
        <PrimaryButton text={texts.ok} disabled={!valid} onClick={submit} />
        <DefaultButton text={texts.cancel} onClick={() => answer(null)} />
      </DialogFooter>
    </Dialog>
  );
}

/** Mounts the dialog on the page and resolves with what the person entered (null: cancelled). */
export function askCloseDetails(question: CloseQuestion): Promise<CloseDetails | null> {
  return new Promise((resolve) => {
    const host = document.createElement("div");
    document.body.appendChild(host);
    const answer = (details: CloseDetails | null) => {
      ReactDOM.unmountComponentAtNode(host);
      host.remove();
      resolve(details);
    };
    ReactDOM.render(<CloseOpportunityDialog question={question} answer={answer} />, host);
  });
}
