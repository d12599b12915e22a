/** @jest-environment jsdom */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseRibbonDiffs } from "./ribbonXml";
import { evaluateRules, runActions, type CommandEnvironment } from "./ruleEvaluator";
import { commandInForce, disqualifySourceControlId, withStockRules } from "./salesCommands";

const ribbonOf = (entity: string) => readFileSync(join(__dirname, "..", "..", "..", "..", "solution", "src", "Entities", entity, "RibbonDiff.xml"), "utf8");

type Globals = { Cb2b?: unknown; Mscrm?: unknown; Test?: unknown };
const globals = globalThis as unknown as Globals;

afterEach(() => {
  delete globals.Cb2b;
  delete globals.Mscrm;
  delete globals.Test;
});

function environment(overrides: Partial<CommandEnvironment> = {}): CommandEnvironment & { loaded: string[]; form: object } {
  const loaded: string[] = [];
  const form = { name: "formContext" };
  return {
    loaded,
    form,
    formType: 2,
    canWrite: true,
    loadLibrary: async (name) => {
      loaded.push(name);
    },
    crmParameter: (name, sourceControlId) => (name === "PrimaryControl" ? form : name === "CommandProperties" ? { SourceControlId: sourceControlId } : `<${name}>`),
    ...overrides,
  };
}

describe("ribbon rules of the solution's lead commands", () => {
  const diff = withStockRules(parseRibbonDiffs([ribbonOf("Lead")]));
  const qualify = commandInForce("Mscrm.Form.lead.ConvertQuick", diff)!;

  it("shows Qualify on an existing open lead only (FormStateRule Existing)", async () => {
    expect(await evaluateRules(qualify.displayRules, diff, environment({ formType: 2 }), "")).toBe(true);
    expect(await evaluateRules(qualify.displayRules, diff, environment({ formType: 3 }), "")).toBe(false);
    expect(await evaluateRules(qualify.displayRules, diff, environment({ formType: 1 }), "")).toBe(false);
  });

  it("awaits the CustomRule's Promise, passing PrimaryControl, and loads its library first", async () => {
    const env = environment();
    const calls: unknown[] = [];
    globals.Cb2b = { LeadCommands: { qualifyEnabled: (form: unknown) => (calls.push(form), Promise.resolve(false)) } };
    expect(await evaluateRules(qualify.enableRules, diff, env, "")).toBe(false);
    expect(calls).toEqual([env.form]);
    expect(env.loaded).toEqual(["cb2b_/scripts/LeadForm.js"]);
    globals.Cb2b = { LeadCommands: { qualifyEnabled: () => Promise.resolve(true) } };
    expect(await evaluateRules(qualify.enableRules, diff, env, "")).toBe(true);
  });

  it("uses the rule's Default when the function throws, rejects or is missing", async () => {
    globals.Cb2b = { LeadCommands: { qualifyEnabled: () => Promise.reject(new Error("offline")) } };
    expect(await evaluateRules(qualify.enableRules, diff, environment(), "")).toBe(true);
    globals.Cb2b = {};
    expect(await evaluateRules(qualify.enableRules, diff, environment(), "")).toBe(true);
  });

  it("disables everything for a user without write access (RecordPrivilegeRule)", async () => {
    globals.Cb2b = { LeadCommands: { qualifyEnabled: () => true } };
    expect(await evaluateRules(qualify.enableRules, diff, environment({ canWrite: false }), "")).toBe(false);
  });

  it("runs the actions in order: isNaN only loads Sales' library, then our function gets PrimaryControl and CommandProperties", async () => {
    const env = environment();
    const calls: unknown[][] = [];
    globals.Cb2b = { LeadCommands: { disqualifyAs: (...args: unknown[]) => calls.push(args) } };
    const disqualify = commandInForce("Mscrm.Form.lead.DisqualifyAs", diff)!;
    await runActions(disqualify.actions, env, disqualifySourceControlId(6));
    expect(env.loaded).toEqual(["Sales/Lead/Lead.js", "cb2b_/scripts/LeadForm.js"]);
    expect(calls).toEqual([[env.form, { SourceControlId: "lead|NoRelationship|Form|Mscrm.Form.lead.DM.DisqualifyLeadAs.DisqualifyLeadAs.Controls.6|6" }]]);
  });

  it("gives the grid Qualify its selection rule and the three grid parameters", async () => {
    const grid = commandInForce("Mscrm.HomepageGrid.lead.ConvertQuick", diff)!;
    expect(await evaluateRules(grid.enableRules, diff, environment({ formType: undefined, selectionCount: 0 }), "")).toBe(false);
    expect(await evaluateRules(grid.enableRules, diff, environment({ formType: undefined, selectionCount: 2 }), "")).toBe(true);
    const calls: unknown[][] = [];
    globals.Cb2b = { LeadCommands: { qualifyFromGrid: (...args: unknown[]) => calls.push(args) } };
    await runActions(grid.actions, environment(), "");
    expect(calls).toEqual([["<SelectedControl>", "<SelectedControlSelectedItemReferences>", "<SelectedEntityTypeCode>"]]);
  });
});

describe("ribbon rules in general", () => {
  const custom = `<RibbonDiffXml><CommandDefinitions>
      <CommandDefinition Id="Test.Command">
        <EnableRules><EnableRule Id="Test.Inverted" /><EnableRule Id="Test.Stock" /></EnableRules>
        <DisplayRules><DisplayRule Id="Test.ReadOnly" /></DisplayRules>
        <Actions>
          <JavaScriptFunction FunctionName="Test.act" Library="$webresource:test.js">
            <StringParameter Value="text" /><BoolParameter Value="false" /><IntParameter Value="7" /><CrmParameter Value="PrimaryControl" />
          </JavaScriptFunction>
        </Actions>
      </CommandDefinition></CommandDefinitions>
      <RuleDefinitions>
        <DisplayRules><DisplayRule Id="Test.ReadOnly"><FormStateRule State="ReadOnly" InvertResult="true" /></DisplayRule></DisplayRules>
        <EnableRules>
          <EnableRule Id="Test.Inverted"><CustomRule FunctionName="Test.rule" Library="$webresource:test.js" Default="false" InvertResult="true" /></EnableRule>
          <EnableRule Id="Test.Unknown"><ValueRule Field="x" Value="y" /></EnableRule>
        </EnableRules>
      </RuleDefinitions></RibbonDiffXml>`;
  const diff = parseRibbonDiffs([custom]);
  const command = diff.commands.get("Test.Command")!;

  it("honours InvertResult, and treats a rule the diff does not define as the stock ribbon's (true)", async () => {
    globals.Test = { rule: () => false };
    expect(await evaluateRules(command.enableRules, diff, environment(), "")).toBe(true);
    globals.Test = { rule: () => true };
    expect(await evaluateRules(command.enableRules, diff, environment(), "")).toBe(false);
    // Default="false" inverted: a throwing rule enables.
    globals.Test = { rule: () => { throw new Error("boom"); } };
    expect(await evaluateRules(command.enableRules, diff, environment(), "")).toBe(true);
    expect(await evaluateRules(command.displayRules, diff, environment({ formType: 3 }), "")).toBe(false);
    expect(await evaluateRules(command.displayRules, diff, environment({ formType: 2 }), "")).toBe(true);
  });

  it("never enables through a rule type it does not evaluate", async () => {
    expect(await evaluateRules(["Test.Unknown"], diff, environment(), "")).toBe(false);
  });

  it("passes typed parameters in their order", async () => {
    const calls: unknown[][] = [];
    globals.Test = { act: (...args: unknown[]) => calls.push(args) };
    const env = environment();
    await runActions(command.actions, env, "");
    expect(calls).toEqual([["text", false, 7, env.form]]);
  });

  it("says which function is missing when an action cannot run", async () => {
    globals.Test = {};
    await expect(runActions(command.actions, environment(), "")).rejects.toThrow("Test.act is not a function (web resource 'test.js').");
  });

  it("keeps Sales' own definition for commands no solution overrides", () => {
    const none = withStockRules(parseRibbonDiffs([]));
    expect(commandInForce("Mscrm.Form.opportunity.MarkAsWon", none)?.actions).toEqual([
      { library: "Sales/Opportunity/Opportunity_main_system_library.js", functionName: "Mscrm.OpportunityCommandActions.opportunityClose", parameters: [{ kind: "bool", value: true }] },
    ]);
    const ours = withStockRules(parseRibbonDiffs([ribbonOf("Opportunity")]));
    expect(commandInForce("Mscrm.Form.opportunity.MarkAsWon", ours)?.actions.map((a) => a.functionName)).toEqual(["isNaN", "Cb2b.OpportunityCommands.closeAsWon"]);
  });
});
