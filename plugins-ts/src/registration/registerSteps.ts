/**
 * Registers the webhook steps that cannot ship in the solution (see stepPlacement.ts) in a live
 * environment through the Web API: the SDK message and its filter are looked up by name, the step is
 * created under its fixed id or updated in place, so a re-run changes nothing. Used by `npm run deploy`
 * and by the sandbox's `npm start`.
 */
import { deployTimeSteps } from "./stepPlacement";
import { stepName, WebhookEndpoint, type StepRegistration } from "./steps";

/** The few Web API calls registration needs; each caller adapts its own client. */
export interface StepRegistrationApi {
  /** GET of a collection; resolves the `value` rows. */
  list(pathAndQuery: string): Promise<Record<string, unknown>[]>;
  create(entitySet: string, body: Record<string, unknown>): Promise<unknown>;
  update(entitySet: string, id: string, body: Record<string, unknown>): Promise<unknown>;
}

export interface StepChange {
  readonly id: string;
  readonly name: string;
  readonly action: "create" | "update" | "unchanged";
}

export class StepRegistrationError extends Error {}

const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

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

/** The columns a step row must have, as written and as read back. */
function desiredRow(step: StepRegistration, sdkMessageId: string, sdkMessageFilterId: string) {
  const columns = {
    name: stepName(step),
    description: step.description,
    stage: step.stage,
    mode: step.mode,
    rank: step.rank,
    // Keep failed system jobs (they carry the webhook's answer); delete the succeeded ones.
    asyncautodelete: step.mode === 1,
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
    } as Record<string, unknown>,
  };
}

const sameValue = (a: unknown, b: unknown): boolean =>
  typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : (a ?? null) === (b ?? null);

/**
 * Creates or updates every deploy-time step; with `dryRun` only reads and reports. The service
 * endpoint must exist (the solution import creates it).
 */
export async function registerDeployTimeSteps(api: StepRegistrationApi, options: { dryRun?: boolean } = {}): Promise<StepChange[]> {
  const endpoints = await api.list(`serviceendpoints?$select=serviceendpointid&$filter=serviceendpointid eq ${WebhookEndpoint.id}`);
  if (endpoints.length === 0) {
    throw new StepRegistrationError(`The webhook service endpoint ${WebhookEndpoint.id} is not in the environment: import the solution first.`);
  }
  const changes: StepChange[] = [];
  for (const step of deployTimeSteps) {
    if (step.images.length > 0) throw new StepRegistrationError(`The deploy-time step '${stepName(step)}' has images, which registration does not write.`);
    const sdkMessageId = await messageId(api, step.message);
    const desired = desiredRow(step, sdkMessageId, await filterId(api, step.message, sdkMessageId, step.primaryEntity));
    const select = Object.keys(desired.read).join(",");
    const [existing] = await api.list(`sdkmessageprocessingsteps?$select=${select}&$filter=sdkmessageprocessingstepid eq ${step.id}`);
    const action: StepChange["action"] = !existing
      ? "create"
      : Object.entries(desired.read).every(([column, value]) => sameValue(existing[column], value))
        ? "unchanged"
        : "update";
    if (!options.dryRun && action === "create") {
      await api.create("sdkmessageprocessingsteps", { sdkmessageprocessingstepid: step.id, ...desired.written });
    } else if (!options.dryRun && action === "update") {
      await api.update("sdkmessageprocessingsteps", step.id, desired.written);
    }
    changes.push({ id: step.id, name: stepName(step), action });
  }
  return changes;
}
