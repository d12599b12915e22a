import * as React from "react";
import { ActionButton } from "@fluentui/react";
import type { LanguageId } from "../shared/session";

export interface LanguageSwitchProps {
  languageId: LanguageId;
  onChange(languageId: LanguageId): void;
  /** Text color on dark headers. */
  inverted?: boolean;
}

/** Offers the other language in its own words ("Suomeksi" / "In English"), like a site language picker. */
export function LanguageSwitch({ languageId, onChange, inverted }: LanguageSwitchProps): React.ReactElement {
  const toFinnish = languageId === 1033;
  return (
    <ActionButton
      iconProps={{ iconName: "LocaleLanguage" }}
      lang={toFinnish ? "fi" : "en"}
      onClick={() => onChange(toFinnish ? 1035 : 1033)}
      styles={inverted ? { root: { color: "#fff" }, rootHovered: { color: "#fff" }, icon: { color: "#fff" }, iconHovered: { color: "#fff" } } : undefined}
    >
      {toFinnish ? "Suomeksi" : "In English"}
    </ActionButton>
  );
}
