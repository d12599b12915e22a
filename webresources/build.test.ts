import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import * as ts from "typescript";
import { WebResourceFolder, buildWebResources } from "./build";

/** Syntax Safari 13.0 cannot parse (model-driven apps support Safari 13 and later), found in a built script. */
function syntaxNewerThanSafari13(code: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) && node.questionDotToken) found.push("?.");
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.QuestionQuestionEqualsToken].includes(node.operatorToken.kind)) found.push("??");
    if (ts.isPropertyDeclaration(node)) found.push("class field");
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile("script.js", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
  return [...new Set(found)];
}

const EXPECTED = {
  LeadForm: {
    LeadForm: ["onLoad", "onSave", "onQualificationColumnChange"],
  },
  OpportunityForm: {
    OpportunityForm: ["onLoad"],
  },
} as const;

describe("web resource bundles", () => {
  let outDir: string;
  let files: string[];

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "cb2b-webresources-"));
    files = await buildWebResources(outDir);
  });

  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it("writes one script per form under cb2b_/scripts", () => {
    expect(files.map((file) => path.relative(outDir, file).split(path.sep).join("/")).sort()).toEqual([
      `${WebResourceFolder}/LeadForm.js`,
      `${WebResourceFolder}/OpportunityForm.js`,
    ]);
  });

  it.each(Object.entries(EXPECTED))("%s.js publishes its Cb2b functions on a fresh global, without eval", (name, namespaces) => {
    const code = fs.readFileSync(path.join(outDir, WebResourceFolder, `${name}.js`), "utf8");
    expect(code).not.toMatch(/\beval\s*\(/);
    expect(code).not.toMatch(/new Function\s*\(/);
    expect(code).not.toMatch(/\brequire\s*\(/);

    const sandbox: Record<string, unknown> = {};
    vm.runInNewContext(code, sandbox);
    const cb2b = sandbox.Cb2b as Record<string, Record<string, unknown>>;
    expect(Object.keys(cb2b).sort()).toEqual(Object.keys(namespaces).sort());
    for (const [namespace, functions] of Object.entries(namespaces)) {
      for (const fn of functions) expect(typeof cb2b[namespace][fn]).toBe("function");
    }
  });

  // Issue 14, "Smaller shipped code": every form load downloads and parses the script. Bytes, not time.
  it.each(Object.keys(EXPECTED))("keeps %s.js within its 15,000-byte budget", (name) => {
    expect(fs.statSync(path.join(outDir, WebResourceFolder, `${name}.js`)).size).toBeLessThanOrEqual(15_000);
  });

  it.each(Object.keys(EXPECTED))("writes %s.js in syntax every supported browser parses, Safari 13 included", (name) => {
    expect(syntaxNewerThanSafari13(fs.readFileSync(path.join(outDir, WebResourceFolder, `${name}.js`), "utf8"))).toEqual([]);
  });

  it("lets both scripts share one page without replacing each other's functions", () => {
    const sandbox: Record<string, unknown> = {};
    for (const name of ["LeadForm", "OpportunityForm", "LeadForm"]) {
      vm.runInNewContext(fs.readFileSync(path.join(outDir, WebResourceFolder, `${name}.js`), "utf8"), sandbox);
    }
    const cb2b = sandbox.Cb2b as Record<string, Record<string, unknown>>;
    expect(Object.keys(cb2b).sort()).toEqual(["LeadForm", "OpportunityForm"]);
  });
});
