/**
 * Registers the webhook's steps in a live environment through the Web API. The solution ships none
 * (a managed import on its own must make no operation depend on an endpoint nobody configured), so
 * `npm run deploy` calls this once the webhook answers an authenticated health check, and the sandbox's
 * `npm start` does the same. The SDK message and its filter are looked up by name; each step (and its
 * images) is created under its fixed id or updated in place, so a re-run changes nothing.
 *
 * Enforcement, the admin's choice:
 * - "sync": synchronous validation (refuses what the rules forbid; blocks those operations on Commerce
 *   records while the webhook is down) plus the asynchronous hand-off;
 * - "async": the asynchronous hand-off only (never blocks; a down webhook shows as failed system jobs).
 *   Synchronous steps an earlier deploy registered are removed.
 */
import { Mode } from "../executionContext";
import { stepName, Steps, WebhookEndpoint, type StepImage, type StepRegistration } from "./steps";

export type Enforcement = "sync" | "async";

/** The few Web API calls registration needs; each caller adapts its own client. */
export interface StepRegistrationApi {
  /** GET of a collection; resolves the `value` rows. */
  list(pathAndQuery: string): Promise<Record<string, unknown>[]>;
  create(entitySet: string, body: Record<string, unknown>): Promise<unknown>;
  update(entitySet: string, id: string, body: Record<string, unknown>): Promise<unknown>;
  remove(entitySet: string, id: string): Promise<unknown>;
}

export interface StepChange {
  readonly id: string;
  readonly name: string;
  readonly action: "create" | "update" | "unchanged" | "delete";
}

export class StepRegistrationError extends Error {}

const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** The steps an enforcement choice registers. */
export function stepsFor(enforcement: Enforcement): readonly StepRegistration[] {
  return enforcement === "sync" ? Steps : Steps.filter((step) => step.mode === Mode.Asynchronous);
}

async function messageId(api: StepRegistrationApi, message: string): Promise<string> {
  const rows = await api.list(`sdkmessages?$select=sdkmessageid&$filter=name eq ${odataString(message)}`);
  const id = rows[0]?.sdkmessageid;
  if (typeof id !== "string") {
    throw new StepRegistrationError(`The environment has no SDK message '${message}': install Dynamics 365 Sales before deploying.`);
  }
  return id;
}

async function filterId(api: StepRegistrationApi, message: string, sdkMessageId: string, entity: string): Promise<string> {
  const rows = await api.list(
    `sdkmessagefilters?$select=sdkmessagefilterid&$filter=_sdkmessageid_value eq ${sdkMessageId} and primaryobjecttypecode eq ${odataString(entity)}`,
  );
  const id = rows[0]?.sdkmessagefilterid;
  if (typeof id !== "string") throw new StepRegistrationError(`The SDK message '${message}' cannot be registered on '${entity}' in this environment.`);
  return id;
}

interface DesiredRow {
  written: Record<string, unknown>;
  read: Record<string, unknown>;
}

/** The columns a step row must have, as written and as read back. */
function desiredStep(step: StepRegistration, sdkMessageId: string, sdkMessageFilterId: string): DesiredRow {
  const columns = {
    name: stepName(step),
    description: step.description,
    stage: step.stage,
    mode: step.mode,
    rank: step.rank,
    // Keep failed system jobs (they carry the webhook's answer); delete the succeeded ones.
    asyncautodelete: step.mode === Mode.Asynchronous,
    filteringattributes: step.filteringAttributes.length > 0 ? step.filteringAttributes.join(",") : null,
  };
  return {
    written: {
      ...columns,
      supporteddeployment: 0,
      "sdkmessageid@odata.bind": `/sdkmessages(${sdkMessageId})`,
      "sdkmessagefilterid@odata.bind": `/sdkmessagefilters(${sdkMessageFilterId})`,
      "eventhandler_serviceendpoint@odata.bind": `/serviceendpoints(${WebhookEndpoint.id})`,
    },
    read: {
      ...columns,
      _sdkmessageid_value: sdkMessageId,
      _sdkmessagefilterid_value: sdkMessageFilterId,
      _eventhandler_value: WebhookEndpoint.id,
    },
  };
}

function desiredImage(step: StepRegistration, image: StepImage): DesiredRow {
  const columns = {
    name: image.alias,
    entityalias: image.alias,
    imagetype: image.imageType,
    messagepropertyname: image.messagePropertyName,
    attributes: image.attributes.join(","),
  };
  return {
    written: { ...columns, "sdkmessageprocessingstepid@odata.bind": `/sdkmessageprocessingsteps(${step.id})` },
    read: { ...columns, _sdkmessageprocessingstepid_value: step.id },
  };
}

const sameValue = (a: unknown, b: unknown): boolean =>
  typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : (a ?? null) === (b ?? null);

/** Creates or updates one row under its fixed id; with `dryRun` only reads. */
async function upsertRow(api: StepRegistrationApi, entitySet: string, idColumn: string, id: string, desired: DesiredRow, dryRun: boolean) {
  const select = Object.keys(desired.read).join(",");
  const [existing] = await api.list(`${entitySet}?$select=${select}&$filter=${idColumn} eq ${id}`);
  const action: StepChange["action"] = !existing
    ? "create"
    : Object.entries(desired.read).every(([column, value]) => sameValue(existing[column], value))
      ? "unchanged"
      : "update";
  if (!dryRun && action === "create") await api.create(entitySet, { [idColumn]: id, ...desired.written });
  else if (!dryRun && action === "update") await api.update(entitySet, id, desired.written);
  return action;
}

async function registerStep(api: StepRegistrationApi, step: StepRegistration, dryRun: boolean): Promise<StepChange> {
  const sdkMessageId = await messageId(api, step.message);
  const desired = desiredStep(step, sdkMessageId, await filterId(api, step.message, sdkMessageId, step.primaryEntity));
  let action = await upsertRow(api, "sdkmessageprocessingsteps", "sdkmessageprocessingstepid", step.id, desired, dryRun);
  for (const image of step.images) {
    const imageAction = await upsertRow(api, "sdkmessageprocessingstepimages", "sdkmessageprocessingstepimageid", image.id, desiredImage(step, image), dryRun);
    if (action === "unchanged" && imageAction !== "unchanged") action = "update";
  }
  return { id: step.id, name: stepName(step), action };
}

/**
 * Registers the steps of the chosen enforcement and removes the synchronous ones when only the
 * hand-off is wanted; with `dryRun` only reads and reports. The service endpoint must exist (the
 * solution import creates it).
 */
export async function registerWebhookSteps(
  api: StepRegistrationApi,
  options: { enforcement: Enforcement; dryRun?: boolean },
): Promise<StepChange[]> {
  const dryRun = options.dryRun ?? false;
  const endpoints = await api.list(`serviceendpoints?$select=serviceendpointid&$filter=serviceendpointid eq ${WebhookEndpoint.id}`);
  if (endpoints.length === 0) {
    throw new StepRegistrationError(`The webhook service endpoint ${WebhookEndpoint.id} is not in the environment: import the solution first.`);
  }
  const wanted = stepsFor(options.enforcement);
  const changes: StepChange[] = [];
  for (const step of wanted) changes.push(await registerStep(api, step, dryRun));
  for (const step of Steps.filter((s) => !wanted.includes(s))) {
    const [existing] = await api.list(`sdkmessageprocessingsteps?$select=sdkmessageprocessingstepid&$filter=sdkmessageprocessingstepid eq ${step.id}`);
    if (!existing) continue;
    if (!dryRun) await api.remove("sdkmessageprocessingsteps", step.id);
    changes.push({ id: step.id, name: stepName(step), action: "delete" });
  }
  return changes;
}
