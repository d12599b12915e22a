// Fluent's offline configuration must run before Fluent itself loads.
import "../shared/fabricConfig";
import * as React from "react";
import * as ReactDOM from "react-dom";
import { initializeOfflineIcons } from "../shared/icons";
import { initialLanguage } from "../commerceShared/language";
import { HqApp } from "./HqApp";

initializeOfflineIcons();
document.body.style.margin = "0";
ReactDOM.render(
  <HqApp initialLanguageId={initialLanguage(window.location.search, navigator.languages ?? [navigator.language])} />,
  document.getElementById("root"),
);
