/** The Sales Hub bundle (out/sandbox-web/sales.js), loaded by /main.aspx. */
// First: switches Fluent's CDN web fonts off before any Fluent module loads.
import "../shared/fabricConfig";
import * as React from "react";
import * as ReactDOM from "react-dom";
import { initializeOfflineIcons } from "../shared/icons";
import { SalesApp } from "./shell/SalesApp";

initializeOfflineIcons();
const root = document.getElementById("root");
if (root) ReactDOM.render(<SalesApp />, root);
