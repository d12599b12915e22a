/** The registered webhook steps for a message, entity, stage and mode: rows in sdkmessageprocessingsteps. */
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import type { RecordStore } from "../storage/records";
import { quote, tableName } from "../storage/schema";

export interface StepImage {
  alias: string;
  imageType: number;
  attributes: string[] | null;
}

export interface RegisteredStep {
  id: string;
  name: string;
  stage: number;
  mode: number;
  rank: number;
  filteringAttributes: string[] | null;
  /** Asynchronous steps: delete the system job once it has succeeded. */
  asyncAutoDelete: boolean;
  endpoint: { id: string; url: string | null; authType: number | null; authValue: string | null; contract: number | null };
  images: StepImage[];
}

const table = (name: string) => quote(tableName(entityByLogicalName(name) as EntityMetadata));

const list = (text: string | null): string[] | null => {
  const items = (text ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 0);
  return items.length > 0 ? items : null;
};

interface StepRow {
  id: string;
  name: string;
  stage: number;
  mode: number;
  rank: number | null;
  filteringattributes: string | null;
  asyncautodelete: number | null;
  endpointid: string;
  url: string | null;
  authtype: number | null;
  authvalue: string | null;
  contract: number | null;
}

const STEP_COLUMNS = `s.sdkmessageprocessingstepid AS id, s.name, s.stage, s.mode, s.rank, s.filteringattributes, s.asyncautodelete,
              e.serviceendpointid AS endpointid, e.url, e.authtype, e.authvalue, e.contract`;

function toStep(store: RecordStore, row: StepRow): RegisteredStep {
  return {
    id: row.id,
    name: row.name,
    stage: row.stage,
    mode: row.mode,
    rank: row.rank ?? 1,
    filteringAttributes: list(row.filteringattributes),
    asyncAutoDelete: row.asyncautodelete === 1,
    endpoint: { id: row.endpointid, url: row.url, authType: row.authtype, authValue: row.authvalue, contract: row.contract },
    images: (
      store
        .prepare(`SELECT entityalias, imagetype, attributes FROM ${table("sdkmessageprocessingstepimage")} WHERE sdkmessageprocessingstepid = ?`)
        .all(row.id) as { entityalias: string; imagetype: number; attributes: string | null }[]
    ).map((image) => ({ alias: image.entityalias, imageType: image.imagetype, attributes: list(image.attributes) })),
  };
}

export function findSteps(store: RecordStore, message: string, entity: string, stage: number, mode: number): RegisteredStep[] {
  const rows = store
    .prepare(
      `SELECT ${STEP_COLUMNS}
         FROM ${table("sdkmessageprocessingstep")} s
         JOIN ${table("sdkmessage")} m ON m.sdkmessageid = s.sdkmessageid
         JOIN ${table("sdkmessagefilter")} f ON f.sdkmessagefilterid = s.sdkmessagefilterid
         JOIN ${table("serviceendpoint")} e ON e.serviceendpointid = s.eventhandler
        WHERE m.name = ? AND f.primaryobjecttypecode = ? AND s.stage = ? AND s.mode = ? AND s.statecode = 0
        ORDER BY s.rank, s.createdon, s.sdkmessageprocessingstepid`,
    )
    .all(message, entity, stage, mode) as StepRow[];
  return rows.map((row) => toStep(store, row));
}

/** One step with its service endpoint as registered now (a queued system job posts with the endpoint's current URL and key). */
export function findStepById(store: RecordStore, stepId: string): RegisteredStep | undefined {
  const row = store
    .prepare(
      `SELECT ${STEP_COLUMNS}
         FROM ${table("sdkmessageprocessingstep")} s
         JOIN ${table("serviceendpoint")} e ON e.serviceendpointid = s.eventhandler
        WHERE s.sdkmessageprocessingstepid = ?`,
    )
    .get(stepId) as StepRow | undefined;
  return row ? toStep(store, row) : undefined;
}
