/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { screen } from "@testing-library/react";
import { setIconOptions } from "@fluentui/react";
import { mountControl } from "./mountControl";
import { approvedRow, ids } from "./rows";

// A defect in the derivation must not take the form down: the control shows it as its own message.
jest.mock("../../../core/src/provenance", () => ({
  ...jest.requireActual("../../../core/src/provenance"),
  deriveProvenance: () => {
    throw new Error("unexpected record shape");
  },
}));

beforeAll(() => {
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  // React logs the caught render error; the assertion below is what matters.
  jest.spyOn(console, "error").mockImplementation(() => undefined);
  setIconOptions({ disableWarnings: true });
});

it("shows a rendering failure as an inline message instead of crashing the form", async () => {
  const { view } = mountControl({ entity: "opportunity", recordId: ids.opportunity, source: { entityType: "lead", id: ids.lead, name: "Aino" }, answer: { rows: [approvedRow()] } });
  expect(await screen.findByText("The onboarding timeline could not be loaded: unexpected record shape")).toBeTruthy();
  expect(view.container.querySelector(".ms-MessageBar")).not.toBeNull();
});
