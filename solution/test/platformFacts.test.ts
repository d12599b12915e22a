/**
 * Evidence for every platform identifier: each identifier of Microsoft's that the solution, the form
 * scripts, the webhook and the sandbox's Sales stand-ins depend on must be listed in
 * solution/PLATFORM-FACTS.md with the public source it was read from. This test finds them in the code
 * and fails, naming them, when one is missing or has no source.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import * as columns from "../../core/src/columns";
import { Mode, Stage } from "../../plugins-ts/src/executionContext";
import { ServiceEndpointValues } from "../../plugins-ts/src/registration/serviceEndpointXml";
import { WebhookAuthType } from "../../plugins-ts/src/registration/serviceEndpointAuth";
import { Steps } from "../../plugins-ts/src/registration/steps";

const ROOT = join(__dirname, "..", "..");
const FACTS = join(ROOT, "solution", "PLATFORM-FACTS.md");

/** The places that may name a platform identifier: shipped code and the sandbox's Sales stand-ins. */
const SCOPES = ["solution/src", "webresources/src", "plugins-ts/src", "core/src", "controls", "sandbox/web/sales"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" || name === "generated" ? [] : filesUnder(full);
    return /\.(xml|ts|tsx|resx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !full.includes(`${join("", "test")}/`) ? [full] : [];
  });
}

const sources = SCOPES.flatMap((scope) => filesUnder(join(ROOT, scope))).map((file) => ({
  file: relative(ROOT, file),
  text: readFileSync(file, "utf8"),
}));

/** identifier → where it is used */
type Found = Map<string, Set<string>>;

function add(found: Found, identifier: string, file: string): void {
  const set = found.get(identifier) ?? found.set(identifier, new Set()).get(identifier)!;
  set.add(file);
}

function scan(pattern: RegExp, format: (match: RegExpExecArray) => string | null, filter: (file: string) => boolean = () => true): Found {
  const found: Found = new Map();
  for (const { file, text } of sources.filter((s) => filter(s.file))) {
    for (const match of text.matchAll(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`))) {
      const identifier = format(match as RegExpExecArray);
      if (identifier) add(found, identifier, file);
    }
  }
  return found;
}

const isXml = (file: string) => file.endsWith(".xml");

/** Each kind of identifier and how it is found. Identifiers compare case-insensitively. */
function identifiersInCode(): Map<string, Found> {
  const kinds = new Map<string, Found>();
  kinds.set("ribbon or command id", scan(/\bMscrm\.[A-Za-z0-9_.]*[A-Za-z0-9_]/, (m) => m[0]));
  kinds.set("library path", scan(/(?:\$webresource:|libraryName="|Library=")([^"'\s<]+)/, (m) => (m[1].startsWith("cb2b_") || !/[a-z]/i.test(m[1]) ? null : m[1])));
  kinds.set("control class id", scan(/(?:classid|customControl id)="(\{[0-9A-Fa-f-]{36}\})"/, (m) => m[1].toUpperCase(), isXml));
  kinds.set("solution component type", scan(/<RootComponent type="(\d+)"/, (m) => `RootComponent type ${m[1]}`, isXml));
  kinds.set("privilege", scan(/<RolePrivilege name="(\w+)"/, (m) => m[1], isXml));
  kinds.set("save mode", scan(/SAVE_MODE_[A-Z_]+\s*=\s*(\d+)|\.save(?:As)?\((\d+)[,)]|\b(?:qualify|disqualify):\s*(\d+)/, (m) => `saveMode ${m[1] ?? m[2] ?? m[3]}`));
  // The Sales stand-ins' Client API values: form types and Xrm.WebApi.online.execute's getMetadata numbers.
  kinds.set("form type", scan(/FORM_TYPE_[A-Z_]+\s*=\s*(\d+)/, (m) => `formType ${m[1]}`));
  kinds.set("Client API value", scan(/\b(operationType|structuralProperty):\s*(\d+)/, (m) => `${m[1]} ${m[2]}`));

  const messages: Found = new Map();
  for (const step of Steps) add(messages, step.message, "plugins-ts/src/registration/steps.ts");
  for (const [name, found] of scan(/Microsoft\.Dynamics\.CRM\.([A-Z]\w+)/, (m) => (/Metadata$/.test(m[1]) ? null : m[1]))) {
    for (const file of found) add(messages, name, file);
  }
  kinds.set("SDK message", messages);

  const values: Found = new Map();
  const record = (owner: string, object: Record<string, unknown>, file: string) => {
    for (const [key, value] of Object.entries(object)) if (typeof value === "number") add(values, `${owner}.${key} = ${value}`, file);
  };
  for (const [name, value] of Object.entries(columns)) {
    if (value && typeof value === "object" && Object.values(value).every((v) => typeof v === "number")) record(name, value as Record<string, unknown>, "core/src/columns.ts");
  }
  record("Stage", Stage, "plugins-ts/src/executionContext");
  record("Mode", Mode, "plugins-ts/src/executionContext");
  record("ServiceEndpointValues", ServiceEndpointValues, "plugins-ts/src/registration/serviceEndpointXml.ts");
  record("WebhookAuthType", WebhookAuthType, "plugins-ts/src/registration/serviceEndpointAuth.ts");
  kinds.set("option value", values);

  // The dual-write columns: Microsoft's, never ours.
  const tables: Record<string, string> = { LeadColumns: "lead", OpportunityColumns: "opportunity", AccountColumns: "account", ContactColumns: "contact" };
  const dualWrite: Found = new Map();
  for (const [name, table] of Object.entries(tables)) {
    for (const column of Object.values((columns as unknown as Record<string, Record<string, string>>)[name])) {
      if (column.startsWith("msdyn_")) add(dualWrite, `${table}.${column}`, "core/src/columns.ts");
    }
  }
  kinds.set("dual-write column", dualWrite);
  return kinds;
}

interface Fact {
  identifier: string;
  kind: string;
  source: string;
}

/** Rows of the facts file's tables: | `identifier` | kind | … | source |. */
function readFacts(): Fact[] {
  const facts: Fact[] = [];
  for (const line of readFileSync(FACTS, "utf8").split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const identifier = /^`([^`]+)`$/.exec(cells[1] ?? "")?.[1];
    if (!identifier) continue;
    facts.push({ identifier, kind: cells[2], source: cells[cells.length - 2] ?? "" });
  }
  return facts;
}

/** A source is a public URL or a real export: `owner/repo: path` or `../shared/reference/solutions/<zip>: path`. */
const isSource = (text: string): boolean => /https:\/\/\S+/.test(text) || /\b[\w.-]+\/[\w.-]+: \S+/.test(text);

describe("solution/PLATFORM-FACTS.md", () => {
  const facts = readFacts();
  const listed = new Map(facts.map((f) => [f.identifier.toLowerCase(), f]));

  it("gives every listed identifier a public source", () => {
    expect(facts.length).toBeGreaterThan(20);
    expect(facts.filter((f) => !isSource(f.source)).map((f) => f.identifier)).toEqual([]);
  });

  it.each([...identifiersInCode()].map(([kind, found]) => [kind, found] as const))("lists every %s the code uses", (kind, found) => {
    const missing = [...found].filter(([identifier]) => !listed.has(identifier.toLowerCase())).map(([identifier, files]) => `${identifier} (${[...files].join(", ")})`);
    expect(missing).toEqual([]);
  });

  it("finds what it looks for (the scan itself works)", () => {
    const kinds = identifiersInCode();
    expect(kinds.get("SDK message")?.has("QualifyLead")).toBe(true);
    expect(kinds.get("option value")?.has("ProspectStatus.Approved = 192350001")).toBe(true);
    expect(kinds.get("dual-write column")?.has("lead.msdyn_b2bprospectstatus")).toBe(true);
    expect(kinds.get("control class id")?.size).toBeGreaterThan(3);
    expect([...(kinds.get("save mode")?.get("saveMode 1") ?? [])]).toContain("sandbox/web/sales/commands/opportunityCommands.ts");
    expect(kinds.get("save mode")?.has("saveMode 15")).toBe(true);
    expect(kinds.get("form type")?.has("formType 2")).toBe(true);
    expect(kinds.get("Client API value")?.has("structuralProperty 5")).toBe(true);
  });
});
