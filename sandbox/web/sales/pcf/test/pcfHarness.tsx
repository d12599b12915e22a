/**
 * Browser-test entry (bundled by sales.browser.test.ts, never shipped): mounts PcfControlHost for the
 * record in `window.__pcfHarness` as the Commerce B2B lead form places the provenance control.
 */
import "../../../shared/fabricConfig";
import * as React from "react";
import * as ReactDOM from "react-dom";
import { createSession } from "../../../shared/createSession";
import { initializeOfflineIcons } from "../../../shared/icons";
import { PcfControlHost } from "../PcfControlHost";

interface HarnessInput {
  leadId: string;
  fullname: string;
  prospectId: string;
}

const input = (window as unknown as { __pcfHarness: HarnessInput }).__pcfHarness;
initializeOfflineIcons();
const container = document.createElement("div");
container.id = "pcf-harness";
container.style.width = "720px";
document.body.insertBefore(container, document.body.firstChild);
ReactDOM.render(
  <PcfControlHost
    controlName="cb2b_Cb2b.DualWriteProvenance"
    parameters={[
      { name: "source", type: "SingleLine.Text", isStatic: false, value: "msdyn_prospectid" },
      { name: "commerceB2BProspect", type: "TwoOptions", isStatic: false, value: "msdyn_b2bcommerceprospect" },
      { name: "waitingThresholdMinutes", type: "Whole.None", isStatic: true, value: "30" },
    ]}
    record={{ entityName: "lead", id: input.leadId, name: input.fullname }}
    values={{ msdyn_prospectid: input.prospectId, msdyn_b2bcommerceprospect: true }}
    session={createSession()}
  />,
  container,
);
