/**
 * The `importjobs` row ImportSolution writes when the caller passes an ImportJobId, so a client can read
 * the outcome the way it reads it from Dataverse: `progress`, `completedon` and the `data` log with a
 * `<result result="success|failure" errorcode errortext>` for the solution.
 */
import type { Engine } from "../engine/engine";
import type { Caller } from "../engine/scope";
import { DataverseError } from "../errors";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import { MissingDependenciesError, type SolutionManifest } from "./solutionPackage";

const escape = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface ImportOutcome {
  manifest?: SolutionManifest;
  solutionId?: string;
  error?: unknown;
  startedOn: string;
}

function logXml(outcome: ImportOutcome, completedOn: string): string {
  const failed = outcome.error !== undefined;
  const code = outcome.error instanceof DataverseError ? outcome.error.code : failed ? "0x80040216" : "0";
  const text = failed ? (outcome.error instanceof Error ? outcome.error.message : String(outcome.error)) : "";
  const result = `<result result="${failed ? "failure" : "success"}" errorcode="${escape(code)}" errortext="${escape(text)}" datetime="${completedOn}" />`;
  // Like solution.xml's own list: what is required, and which of our components needs it.
  const missing =
    outcome.error instanceof MissingDependenciesError
      ? `<MissingDependencies>${outcome.error.missing
          .map(
            (d) =>
              `<MissingDependency><Required type="${d.type}" schemaName="${escape(d.schemaName)}"${
                d.parentSchemaName ? ` parentSchemaName="${escape(d.parentSchemaName)}"` : ""
              } displayName="${escape(d.schemaName)}" solution="${escape(d.solution ?? "")}" />${
                d.dependent ? `<Dependent schemaName="${escape(d.dependent)}" />` : ""
              }</MissingDependency>`,
          )
          .join("")}</MissingDependencies>`
      : "";
  const m = outcome.manifest;
  const manifest = m
    ? `<solutionManifest languagecode="1033" id="${escape(m.uniqueName)}" LocalizedName="${escape(m.friendlyName)}" processed="true"><UniqueName>${escape(
        m.uniqueName,
      )}</UniqueName><LocalizedName>${escape(m.friendlyName)}</LocalizedName><Version>${escape(m.version)}</Version><Managed>${
        m.managed ? 1 : 0
      }</Managed>${result}${missing}</solutionManifest>`
    : `<solutionManifest processed="true">${result}</solutionManifest>`;
  return `<importexportxml start="${outcome.startedOn}" stop="${completedOn}" progress="100" processed="true"><solutionManifests>${manifest}</solutionManifests></importexportxml>`;
}

/** Writes (or rewrites) the import job; runs in its own transaction, after the import's own committed or rolled back. */
export async function recordImportJob(engine: Engine, caller: Caller, importJobId: string, outcome: ImportOutcome): Promise<void> {
  const jobs = entityByLogicalName("importjob") as EntityMetadata;
  const completedOn = engine.now();
  const data = {
    name: outcome.manifest?.uniqueName ?? "Solution import",
    solutionname: outcome.manifest?.uniqueName ?? null,
    solutionid: outcome.solutionId ?? null,
    progress: 100,
    startedon: outcome.startedOn,
    completedon: completedOn,
    data: logXml(outcome, completedOn),
  };
  await engine.execute(caller, async (scope) => {
    if (engine.store.exists(jobs, importJobId)) await engine.update(scope, jobs, importJobId, data);
    else await engine.create(scope, jobs, { importjobid: importJobId, ...data });
  });
}
