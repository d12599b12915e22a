import * as React from "react";
import { Dropdown, type IDropdownOption } from "@fluentui/react";
import { chromeString } from "../../shared/strings";
import type { LanguageId } from "../../shared/session";
import type { SystemView } from "./viewData";

export interface ViewSelectorProps {
  views: SystemView[];
  selectedId: string | undefined;
  languageId: LanguageId;
  onSelect(view: SystemView): void;
}

/** The view title with its drop-down of the table's system views, as above a model-driven grid. */
export function ViewSelector({ views, selectedId, languageId, onSelect }: ViewSelectorProps): React.ReactElement {
  const options: IDropdownOption[] = views.map((view) => ({ key: view.id, text: view.name }));
  return (
    <Dropdown
      ariaLabel={chromeString(languageId, "selectView")}
      title={chromeString(languageId, "selectView")}
      options={options}
      selectedKey={selectedId ?? null}
      onChange={(_event, option) => {
        const view = views.find((v) => v.id === option?.key);
        if (view) onSelect(view);
      }}
      styles={{
        root: { minWidth: 260 },
        title: { border: "none", fontSize: 20, fontWeight: 600, height: 40, lineHeight: 38, background: "transparent" },
        caretDownWrapper: { height: 40, lineHeight: 40 },
      }}
    />
  );
}
