import type { LanguageId, PageTarget } from "../../shared/session";
import type { DialogStore } from "./dialogStore";
import { bareId } from "./entityMetadata";
import { strict } from "./strict";
import { clientApiTexts } from "./texts";

/** Xrm.Navigation: the platform's dialogs (rendered by the page's DialogHost) and openForm. */
export function createNavigation(dialogs: DialogStore, languageId: LanguageId, navigate: (target: PageTarget) => void): Xrm.Navigation {
  const texts = clientApiTexts(languageId);
  return strict("Xrm.Navigation", {
    openAlertDialog: (alertStrings: Xrm.Navigation.AlertStrings) =>
      dialogs.show({ kind: "alert", title: alertStrings.title, text: alertStrings.text, confirmButtonLabel: alertStrings.confirmButtonLabel ?? texts.ok }, () => undefined),
    openConfirmDialog: (confirmStrings: Xrm.Navigation.ConfirmStrings) =>
      dialogs.show(
        {
          kind: "confirm",
          title: confirmStrings.title ?? texts.confirmTitle,
          subtitle: confirmStrings.subtitle,
          text: confirmStrings.text,
          confirmButtonLabel: confirmStrings.confirmButtonLabel ?? texts.ok,
          cancelButtonLabel: confirmStrings.cancelButtonLabel ?? texts.cancel,
        },
        (confirmed = false) => ({ confirmed }),
      ),
    openErrorDialog: (errorOptions: Xrm.Navigation.ErrorDialogOptions) =>
      dialogs.show(
        {
          kind: "error",
          title: texts.errorTitle,
          text: String(errorOptions.message ?? (errorOptions.errorCode !== undefined ? `Error code: ${errorOptions.errorCode}` : texts.errorTitle)),
          details: errorOptions.details,
          confirmButtonLabel: texts.ok,
        },
        () => undefined,
      ),
    openForm: async (options: Xrm.Navigation.EntityFormOptions) => {
      navigate({
        pagetype: "entityrecord",
        etn: options.entityName ?? "",
        ...(options.entityId ? { id: bareId(options.entityId) } : {}),
        ...(options.formId ? { formid: bareId(options.formId) } : {}),
      });
      return { savedEntityReference: [] };
    },
  }) as unknown as Xrm.Navigation;
}
