/**
 * Unbound `ImportSolutionAsync`: the import runs as a system job (asyncoperation, operation type 54
 * Execute Async Request) and writes an import job under ImportJobKey, which is what `pac` and our
 * deploy command follow. Parameter errors are answered at once, as Dataverse does; the sandbox then
 * runs the job before answering, so the first poll of the asyncoperation already sees it completed
 * (statecode 3; statuscode 30 Succeeded or 31 Failed with the reason in message/friendlymessage).
 */
import { randomUUID } from "node:crypto";
import type { Engine } from "../engine/engine";
import type { Caller } from "../engine/scope";
import { entityByLogicalName, type EntityMetadata } from "../metadata";
import { requireCustomizer } from "./customizerPrivilege";
import { importSolution, validateImportParameters } from "./importSolution";

export interface ImportSolutionAsyncResult {
  AsyncOperationId: string;
  ImportJobKey: string;
}

const asyncOperations = (): EntityMetadata => entityByLogicalName("asyncoperation") as EntityMetadata;

export async function importSolutionAsync(engine: Engine, caller: Caller, rawBody: unknown): Promise<ImportSolutionAsyncResult> {
  requireCustomizer(engine.store, caller, "prvCreateCustomization");
  const parameters = validateImportParameters(rawBody);
  const importJobId = parameters.importJobId ?? randomUUID();
  const operationId = randomUUID();
  await engine.execute(caller, (scope) =>
    engine.create(scope, asyncOperations(), {
      asyncoperationid: operationId,
      name: "ImportSolution",
      messagename: "ImportSolution",
      operationtype: 54,
      startedon: engine.now(),
      statecode: 2,
      statuscode: 20,
    }),
  );
  let failure: unknown;
  try {
    await importSolution(engine, caller, { ...parameters.body, ImportJobId: importJobId });
  } catch (error) {
    failure = error;
  }
  const message = failure === undefined ? null : failure instanceof Error ? failure.message : String(failure);
  await engine.execute(caller, (scope) =>
    engine.update(scope, asyncOperations(), operationId, {
      statecode: 3,
      statuscode: failure === undefined ? 30 : 31,
      completedon: engine.now(),
      message,
      friendlymessage: message,
    }),
  );
  return { AsyncOperationId: operationId, ImportJobKey: importJobId };
}
