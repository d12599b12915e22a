import * as React from "react";
import { DefaultButton, Dialog, DialogFooter, DialogType, PrimaryButton, Spinner, SpinnerSize, Text } from "@fluentui/react";
import type { LanguageId } from "../../shared/session";
import type { DialogStore, OpenDialog } from "./dialogStore";
import { clientApiTexts } from "./texts";

function useStore(store: DialogStore): void {
  const [, setTick] = React.useState(0);
  React.useEffect(() => store.subscribe(() => setTick((t) => t + 1)), [store]);
}

/** Dialog texts come from scripts and may carry data from the sign-up form: always rendered as text. */
function Body({ text }: { text: string }) {
  return (
    <>
      {text.split("\n").map((line, i) => (
        <Text block key={i} styles={{ root: { marginBottom: 4 } }}>
          {line}
        </Text>
      ))}
    </>
  );
}

function OneDialog({ dialog, closeLabel }: { dialog: OpenDialog; closeLabel: string }) {
  const dismiss = () => (dialog.kind === "confirm" ? dialog.close(false) : dialog.close());
  return (
    <Dialog
      hidden={false}
      onDismiss={dismiss}
      dialogContentProps={{
        type: DialogType.normal,
        title: dialog.title,
        subText: dialog.kind === "confirm" ? dialog.subtitle : undefined,
        closeButtonAriaLabel: closeLabel,
        showCloseButton: true,
      }}
      modalProps={{ isBlocking: true, isAlert: false, layerProps: { eventBubblingEnabled: true } }}
      minWidth={400}
      maxWidth={560}
    >
      <Body text={dialog.text} />
      {dialog.kind === "error" && dialog.details ? <Body text={dialog.details} /> : null}
      <DialogFooter>
        {dialog.kind === "confirm" ? (
          <>
            <PrimaryButton text={dialog.confirmButtonLabel} onClick={() => dialog.close(true)} />
            <DefaultButton text={dialog.cancelButtonLabel} onClick={() => dialog.close(false)} />
          </>
        ) : (
          <PrimaryButton text={dialog.confirmButtonLabel} onClick={() => dialog.close()} />
        )}
      </DialogFooter>
    </Dialog>
  );
}

/** Renders the Client API's open dialogs (the latest on top) and the progress indicator. */
export function DialogHost({ store, languageId }: { store: DialogStore; languageId: LanguageId }) {
  useStore(store);
  const texts = clientApiTexts(languageId);
  const top = store.open[store.open.length - 1];
  return (
    <>
      {top ? <OneDialog key={top.key} dialog={top} closeLabel={texts.closeDialog} /> : null}
      {store.progressMessage !== null ? (
        <Dialog hidden={false} dialogContentProps={{ type: DialogType.normal }} modalProps={{ isBlocking: true, isAlert: false }}>
          <Spinner size={SpinnerSize.large} label={store.progressMessage} />
        </Dialog>
      ) : null}
    </>
  );
}
