/**
 * Unbound `ImportSolution`: reads the zip, checks it as Dataverse does (root parts, well-formed XML,
 * declared dependencies present, not older than what is installed, managed/unmanaged not mixed) and
 * writes every component in ONE transaction, so a refused package leaves the previous state intact.
 * Components the previous version of the same solution had and this one drops are removed, as a
 * managed upgrade removes them.
 */
import type { Element } from "@xmldom/xmldom";
import { badRequest, ErrorCodes } from "../errors";
import type { Engine } from "../engine/engine";
import type { Caller } from "../engine/scope";
import { attributeOf, entityByLogicalName, type EntityMetadata } from "../metadata";
import { removeOrphanAssociations } from "../storage/associations";
import { isEntityRef, type RecordData } from "../storage/records";
import { childElements } from "../xml";
import { quote, tableName } from "../storage/schema";
import { deterministicId } from "../storage/seed";
import { reloadDynamicTables, withDynamicTables } from "../storage/dynamicTables";
import { appModules, appModuleSiteMaps } from "./components/appModules";
import { installCustomSchema, withSchemaPreview } from "./components/customTables/installCustomSchema";
import { readCustomSchema, type CustomSchema } from "./components/customTables/readCustomSchema";
import { entityComponents } from "./components/entityComponents";
import { dashboards, visualizations } from "./components/chartsAndDashboards";
import { requireCustomizer } from "./customizerPrivilege";
import { refuseUnmodelledParts } from "./unmodelledParts";
import { requireAccess } from "../security/principal";
import { customControls, environmentVariables, roles, webResources } from "./components/otherComponents";
import { sdkSteps, serviceEndpoints } from "./components/pluginComponents";
import type { ComponentRow } from "./components/types";
import { recordImportJob, type ImportOutcome } from "./importJob";
import { checkCustomizationFileSize, importRefused, MissingDependenciesError, readSolutionPackage, type SolutionManifest, type SolutionPackage } from "./solutionPackage";

const meta = (name: string) => entityByLogicalName(name) as EntityMetadata;

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function checkDependencies(manifest: SolutionManifest): void {
  const missing = manifest.missingDependencies.filter((dependency) => {
    if (dependency.type === 1) return !entityByLogicalName(dependency.schemaName.toLowerCase());
    if (dependency.type === 2) {
      const parent = entityByLogicalName((dependency.parentSchemaName ?? "").toLowerCase());
      return !parent || !attributeOf(parent, dependency.schemaName.toLowerCase());
    }
    return false;
  });
  if (missing.length > 0) {
    const list = missing.map((d) => `${d.type === 2 ? "attribute" : "entity"} ${d.parentSchemaName ? `${d.parentSchemaName}.` : ""}${d.schemaName}${d.solution ? ` (solution ${d.solution})` : ""}`);
    throw new MissingDependenciesError(
      `The following solution cannot be imported: ${manifest.uniqueName}. Some dependencies are missing. The missing dependencies are: ${list.join("; ")}.`,
      missing,
    );
  }
}

/** customizations.xml containers the import reads; Languages only names the solution's languages. */
const IMPORTED_CONTAINERS = new Set([
  "Entities",
  "optionsets",
  "EntityRelationships",
  "Roles",
  "WebResources",
  "CustomControls",
  "SdkMessageProcessingSteps",
  "ServiceEndpoints",
  "AppModuleSiteMaps",
  "AppModules",
  "Dashboards",
  "Languages",
]);

/** A component the sandbox does not model is refused by name, never silently left out. */
function refuseUnmodelledContainers(customizations: Element): void {
  const unmodelled = childElements(customizations).filter((container) => !IMPORTED_CONTAINERS.has(container.tagName) && childElements(container).length > 0);
  if (unmodelled.length > 0) {
    throw importRefused(
      `customizations.xml has components the sandbox does not import: <${unmodelled.map((container) => container.tagName).join(">, <")}>.`,
    );
  }
}

function componentRows(pkg: SolutionPackage): ComponentRow[] {
  const { customizations, parts, manifest } = pkg;
  refuseUnmodelledContainers(customizations);
  refuseUnmodelledParts(parts.keys());
  return [
    ...webResources(customizations, parts),
    ...customControls(customizations, parts),
    ...roles(customizations),
    ...entityComponents(manifest.uniqueName, customizations),
    ...visualizations(customizations),
    ...dashboards(customizations),
    ...environmentVariables(parts),
    // Endpoints before the steps that point at them.
    ...serviceEndpoints(customizations),
    ...sdkSteps(customizations),
    // Site maps before the apps that list them; roles (above) before the apps shared with them.
    ...appModuleSiteMaps(customizations),
    ...appModules(customizations),
  ];
}

function checkInstalled(engine: Engine, manifest: SolutionManifest): string {
  const solutionEntity = meta("solution");
  const existing = engine.store
    .prepare(`SELECT solutionid, version, ismanaged FROM ${quote(tableName(solutionEntity))} WHERE uniquename = ?`)
    .get(manifest.uniqueName) as { solutionid: string; version: string; ismanaged: number } | undefined;
  if (!existing) return deterministicId(`solution:${manifest.uniqueName}`);
  if (compareVersions(manifest.version, existing.version) < 0) {
    throw importRefused(
      `The import solution must have a higher version than the existing solution it is upgrading. Solution ${manifest.uniqueName}: installed ${existing.version}, importing ${manifest.version}.`,
      ErrorCodes.importVersionError,
    );
  }
  if ((existing.ismanaged === 1) !== manifest.managed) {
    throw importRefused(
      existing.ismanaged === 1
        ? `The solution ${manifest.uniqueName} is already installed on this system as a managed solution and the package to be imported is unmanaged. Uninstall the managed solution first.`
        : `The solution ${manifest.uniqueName} is already installed on this system as an unmanaged solution and the package to be imported is managed. Delete the unmanaged solution first.`,
    );
  }
  return existing.solutionid;
}

function writeRow(engine: Engine, caller: Caller, entity: EntityMetadata, record: RecordData): void {
  const id = String(record[entity.primaryIdAttribute]);
  const now = engine.now();
  const user = { logicalName: "systemuser", id: caller.userId };
  const stamped: RecordData = { ...record, modifiedon: now, modifiedby: user, versionnumber: engine.store.nextVersion() };
  if (engine.store.exists(entity, id)) {
    engine.store.update(entity, id, stamped);
    return;
  }
  Object.assign(stamped, { createdon: now, createdby: user });
  if (entity.ownership === "user") stamped.ownerid = user;
  if (attributeOf(entity, "statecode")) {
    stamped.statecode = 0;
    stamped.statuscode = attributeOf(entity, "statecode")?.options?.[0].defaultStatus ?? 1;
  }
  engine.store.insert(entity, stamped);
}

/** Removes the components a previous version of this solution had that the new one does not. */
function removeDropped(engine: Engine, solutionId: string, kept: Map<string, Set<string>>): void {
  // Dependents first: an app's components and role maps go before the app, the site map and the role.
  for (const logicalName of ["appmoduleroles", "appmodulecomponent", "appmodule", "sitemap", "webresource", "customcontrol", "role", "systemform", "savedqueryvisualization", "savedquery", "ribboncustomization", "environmentvariabledefinition", "environmentvariablevalue", "serviceendpoint", "sdkmessageprocessingstep", "sdkmessageprocessingstepimage"]) {
    const entity = meta(logicalName);
    const ids = [...(kept.get(logicalName) ?? [])];
    const notIn = ids.length > 0 ? ` AND ${quote(entity.primaryIdAttribute)} NOT IN (${ids.map(() => "?").join(", ")})` : "";
    engine.store.prepare(`DELETE FROM ${quote(tableName(entity))} WHERE solutionid = ?${notIn}`).run(solutionId, ...ids);
  }
  // A removed role takes its assignments (to users and teams) with it.
  removeOrphanAssociations(engine.store);
}

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

export interface ImportParameters {
  body: Record<string, unknown> & { CustomizationFile: string };
  importJobId?: string;
}

/** The parameter checks Dataverse answers with a 400 before any work starts. */
export function validateImportParameters(rawBody: unknown): ImportParameters {
  const body = (typeof rawBody === "object" && rawBody !== null ? rawBody : {}) as Record<string, unknown>;
  if (typeof body.CustomizationFile !== "string" || body.CustomizationFile.length === 0) {
    throw badRequest("The parameter 'CustomizationFile' (the solution zip, base64) is required.", ErrorCodes.invalidArgument);
  }
  for (const flag of ["OverwriteUnmanagedCustomizations", "PublishWorkflows"]) {
    if (typeof body[flag] !== "boolean") throw badRequest(`The parameter '${flag}' is required and must be a boolean.`, ErrorCodes.invalidArgument);
  }
  let importJobId: string | undefined;
  if (body.ImportJobId !== undefined && body.ImportJobId !== null) {
    importJobId = GUID.exec(String(body.ImportJobId))?.[1].toLowerCase();
    if (!importJobId) throw badRequest("The parameter 'ImportJobId' must be a GUID.", ErrorCodes.invalidArgument);
  }
  return { body: body as ImportParameters["body"], importJobId };
}

/** Runs against the tables of the engine's database, also when called outside a request (tests, tools). */
export async function importSolution(engine: Engine, caller: Caller, rawBody: unknown): Promise<void> {
  return withDynamicTables(engine.store.db, () => importSolutionInScope(engine, caller, rawBody));
}

async function importSolutionInScope(engine: Engine, caller: Caller, rawBody: unknown): Promise<void> {
  requireCustomizer(engine.store, caller, "prvCreateCustomization");
  const { body, importJobId } = validateImportParameters(rawBody);
  const outcome: ImportOutcome = { startedOn: engine.now() };
  try {
    checkCustomizationFileSize(body.CustomizationFile);
    const pkg = await readSolutionPackage(Buffer.from(body.CustomizationFile, "base64"));
    outcome.manifest = pkg.manifest;
    checkDependencies(pkg.manifest);
    outcome.solutionId = await installPackage(engine, caller, pkg);
  } catch (error) {
    outcome.error = error;
    throw error;
  } finally {
    if (importJobId) await recordImportJob(engine, caller, importJobId, outcome);
  }
}

/** Writes the package's components in one transaction; returns the solution id. */
async function installPackage(engine: Engine, caller: Caller, pkg: SolutionPackage): Promise<string> {
  // Tables, columns, choices and relationships first: the other components are read as if the tables existed.
  const schema = readCustomSchema(pkg.customizations);
  const rows = withSchemaPreview(engine.store.db, schema, () => componentRows(pkg));
  try {
    return await installInTransaction(engine, caller, pkg, schema, rows);
  } finally {
    // Committed or rolled back, the definitions in memory follow the database.
    reloadDynamicTables(engine.store.db);
  }
}

function installInTransaction(engine: Engine, caller: Caller, pkg: SolutionPackage, schema: CustomSchema, rows: ComponentRow[]): Promise<string> {
  return engine.execute(caller, async () => {
    const solutionId = checkInstalled(engine, pkg.manifest);
    const { manifest } = pkg;
    requireAccess(engine.store, caller, meta("solution"), engine.store.exists(meta("solution"), solutionId) ? "Write" : "Create");
    writeRow(engine, caller, meta("solution"), {
      solutionid: solutionId,
      uniquename: manifest.uniqueName,
      friendlyname: manifest.friendlyName,
      description: manifest.description,
      version: manifest.version,
      ismanaged: manifest.managed,
      isvisible: true,
      publisheruniquename: manifest.publisherUniqueName,
      installedon: engine.now(),
    });
    installCustomSchema(engine, caller.userId, schema, { id: solutionId, uniqueName: manifest.uniqueName, managed: manifest.managed });
    const kept = new Map<string, Set<string>>();
    for (const row of rows) {
      const entity = meta(row.entity);
      const record: RecordData = { ...row.record, ismanaged: manifest.managed, solutionid: solutionId };
      for (const [name, value] of Object.entries(record)) {
        if (!isEntityRef(value)) continue;
        // A root role names itself as its parent root.
        if (value.logicalName === row.entity && value.id === String(record[entity.primaryIdAttribute])) continue;
        const target = meta(value.logicalName);
        if (!engine.store.exists(target, value.id)) {
          throw importRefused(
            `The following solution cannot be imported: ${manifest.uniqueName}. Some dependencies are missing. The missing dependencies are: ${value.logicalName} ${value.id} (required by ${row.entity} ${String(record[entity.primaryIdAttribute])} through '${name}'; it is neither in the solution nor in the environment).`,
            ErrorCodes.missingDependency,
          );
        }
      }
      // Importing a component needs the privilege to create or write it, as Dataverse checks per component.
      requireAccess(engine.store, caller, entity, engine.store.exists(entity, String(record[entity.primaryIdAttribute])) ? "Write" : "Create");
      writeRow(engine, caller, entity, record);
      const ids = kept.get(row.entity) ?? new Set<string>();
      ids.add(String(record[entity.primaryIdAttribute]));
      kept.set(row.entity, ids);
    }
    removeDropped(engine, solutionId, kept);
    return solutionId;
  });
}
