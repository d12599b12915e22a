/** @jest-environment jsdom */
import * as React from "react";
import * as ReactDOM from "react-dom";
import { act, render, screen, waitFor } from "@testing-library/react";
import "@testing-library/jest-dom";
import { setIconOptions } from "@fluentui/react";
import type { SalesSession } from "../../shared/session";
import { parseControlManifest } from "./manifest";
import type { PcfControlInstance } from "./loader";
import { PcfControlHostView, type PcfHostServices } from "./PcfControlHost";
import type { PcfControlHostProps } from "./types";

const manifest = parseControlManifest(`<manifest><control namespace="Test" constructor="Echo" version="1.0.0" control-type="virtual">
  <property name="source" of-type="Lookup.Simple" usage="bound"/>
  <property name="value" of-type="SingleLine.Text" usage="bound"/>
  <resources><code path="bundle.js" order="1"/><platform-library name="React" version="16.14.0"/></resources>
</control></manifest>`);

const session: SalesSession = {
  clientUrl: "http://127.0.0.1:5555",
  apiUrl: "http://127.0.0.1:5555/api/data/v9.2/",
  user: { id: "6f0e2c4a-0000-4000-8000-000000000002", token: "salesrep", fullname: "Sanna Myyjä" },
  languageId: 1033,
  fetchApi: () => Promise.reject(new Error("not used")),
};

interface Ctx {
  parameters: Record<string, { raw: unknown }>;
  mode: { contextInfo: { entityRecordName: string } };
  resources: { getString(id: string): string };
  updatedProperties: string[];
}

/** A virtual control that shows what its context says and reports "changed" as its output. */
const log: string[] = [];
class Echo implements PcfControlInstance {
  private notify: (() => void) | undefined;
  init(_context: unknown, notify?: () => void): void {
    log.push("init");
    this.notify = notify;
  }
  updateView(context: unknown): unknown {
    const c = context as Ctx;
    const lookup = c.parameters.source.raw as { name: string }[] | null;
    log.push(`updateView:${c.updatedProperties.join(",")}`);
    return React.createElement(
      "div",
      null,
      React.createElement("p", null, `${c.resources.getString("Title")} ${c.mode.contextInfo.entityRecordName}: ${lookup?.[0].name ?? "none"}`),
      React.createElement("button", { onClick: () => this.notify?.() }, "Report"),
    );
  }
  getOutputs(): Record<string, unknown> {
    return { value: "changed" };
  }
  destroy(): void {
    log.push("destroy");
  }
}

const services = (overrides: Partial<PcfHostServices> = {}): PcfHostServices => ({
  loadManifest: () => Promise.resolve(manifest),
  loadStrings: () => Promise.resolve(new Map([["Title", "Provenance of"]])),
  loadControl: () => Promise.resolve({ ctor: Echo, reactDom: ReactDOM }),
  ...overrides,
});

const props = (values: Record<string, unknown>, onOutputChanged?: PcfControlHostProps["onOutputChanged"]): PcfControlHostProps => ({
  controlName: "test_Test.Echo",
  parameters: [
    { name: "source", type: "Lookup.Simple", isStatic: false, value: "originatingleadid" },
    { name: "value", type: "SingleLine.Text", isStatic: false, value: "description" },
  ],
  record: { entityName: "opportunity", id: "6f0e2c4a-0000-4000-8000-00000000bbbb", name: "Fabrikam deal" },
  values,
  session,
  onOutputChanged,
});

// The page registers icon fonts (shared/icons.ts); jsdom has none, and the error bar's icon is not under test.
setIconOptions({ disableWarnings: true });

beforeEach(() => {
  log.length = 0;
});

it("inits the control, renders its React element and re-renders when the form's values change", async () => {
  const first = props({ originatingleadid: [{ id: "{AB}", name: "Aino Virtanen", entityType: "lead" }] });
  const shared = services();
  const view = render(<PcfControlHostView {...first} services={shared} />);
  await screen.findByText("Provenance of Fabrikam deal: Aino Virtanen");
  expect(log).toEqual(["init", "updateView:"]);
  view.rerender(<PcfControlHostView {...props({ originatingleadid: [{ id: "{CD}", name: "Jordan Mitchell", entityType: "lead" }] })} services={shared} />);
  await screen.findByText("Provenance of Fabrikam deal: Jordan Mitchell");
  expect(log).toEqual(["init", "updateView:", "updateView:parameters,layout"]);
  view.unmount();
  expect(log[log.length - 1]).toBe("destroy");
});

it("passes outputs to the form under the bound column's name", async () => {
  const onOutputChanged = jest.fn();
  render(<PcfControlHostView {...props({}, onOutputChanged)} services={services()} />);
  const button = await screen.findByRole("button", { name: "Report" });
  act(() => button.click());
  expect(onOutputChanged).toHaveBeenCalledWith("description", "changed");
});

it("shows an error instead of the control when it cannot be loaded", async () => {
  render(<PcfControlHostView {...props({})} services={services({ loadControl: () => Promise.reject(new Error("bundle.js could not be loaded.")) })} />);
  await waitFor(() => expect(screen.getByText("The control test_Test.Echo could not be loaded: bundle.js could not be loaded.")).toBeInTheDocument());
  expect(log).toEqual([]);
});

it("shows an error when the control throws in updateView", async () => {
  class Broken extends Echo {
    override updateView(): unknown {
      throw new Error("boom");
    }
  }
  render(<PcfControlHostView {...props({})} services={services({ loadControl: () => Promise.resolve({ ctor: Broken, reactDom: ReactDOM }) })} />);
  await screen.findByText("The control test_Test.Echo could not be loaded: boom");
});
