/**
 * Runs the items of a `$batch` as "Execute batch operations using the Web API" describes
 * (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api):
 *
 * - in order; a change set in one transaction, all or nothing ("Change sets"). A failing request rolls the
 *   change set back, and the change set's answer is a change set response holding only that failing
 *   request's answer, with its Content-ID — what Dataverse sends (the response quoted in
 *   MicrosoftDocs/powerapps-docs issue #2843), not OData's bare application/http part;
 * - "Handling errors": the first failing request (or change set) ends the batch — it is the last answer and
 *   its status is the batch's — unless the batch says `Prefer: odata.continue-on-error`: then every item
 *   runs, the batch answers 200 with each failure in its part, and `Preference-Applied` echoes the
 *   preference (OData 4.0 part 1, 8.3.4; the article points to OData for this preference);
 * - `Content-ID` references (`$1`) inside a change set (batchReferences.ts).
 *
 * Every part runs as the caller of the batch. The article does not say what Dataverse does with an
 * `Authorization` header inside a part, so rather than guess (ignore it or honour it) the sandbox refuses
 * such a batch with a 400 naming the part, before any part runs.
 */
import { badRequest, DataverseError, ErrorCodes } from "../errors";
import type { Engine } from "../engine/engine";
import type { Caller } from "../engine/scope";
import { partToRequest, type BatchAnswer, type BatchItem, type BatchRequest, type PartAnswer } from "./batch";
import { checkReferences, resolveReferences } from "./batchReferences";
import type { ApiRequest, ApiResponse } from "./context";

/** Carries a change set's failing answer out of its transaction, rolling the change set back. */
class ChangeSetFailed extends Error {
  constructor(readonly answer: PartAnswer) {
    super(`change set failed with HTTP ${answer.response.status}`);
  }
}

export interface BatchOutcome {
  /** 200, or the status of the failure that ended the batch. */
  status: number;
  answers: BatchAnswer[];
}

export interface BatchContext {
  engine: Engine;
  caller: Caller;
  apiUrl: string;
  authorization: string | undefined;
  continueOnError: boolean;
}

const failed = (response: ApiResponse) => response.status >= 400;

function refusePartCredentials(items: BatchItem[]): void {
  for (const part of items.flatMap((item) => (item.kind === "request" ? [item.request] : item.requests))) {
    if (part.headers.authorization !== undefined) {
      throw badRequest(
        `The $batch part '${part.method} ${part.url}' has its own Authorization header. Every request in a batch runs as the caller of the batch; send a separate batch for another identity.`,
        ErrorCodes.invalidArgument,
      );
    }
  }
}

export async function runBatch(
  items: BatchItem[],
  context: BatchContext,
  dispatch: (request: ApiRequest) => Promise<ApiResponse>,
): Promise<BatchOutcome> {
  refusePartCredentials(items);
  checkReferences(items);
  const toRequest = (part: BatchRequest): ApiRequest => {
    const request = partToRequest(part, context.apiUrl);
    // The batch's own credentials, never a part's (refused above).
    request.headers.authorization = context.authorization;
    return request;
  };

  /** One change set in one transaction; throws ChangeSetFailed (rolled back) with the failing answer. */
  const runChangeSet = (requests: BatchRequest[]) =>
    context.engine.executeChangeSet(context.caller, async () => {
      const done: PartAnswer[] = [];
      // Content-ID → the URL of the record that part created or updated (its OData-EntityId).
      const created = new Map<string, string>();
      for (const part of requests) {
        let response: ApiResponse;
        try {
          response = await dispatch(toRequest(resolveReferences(part, created)));
        } catch (error) {
          if (!(error instanceof DataverseError)) throw error;
          response = { status: error.status, body: error.toBody() };
        }
        const answer = { contentId: part.contentId, response };
        if (failed(response)) throw new ChangeSetFailed(answer);
        done.push(answer);
        const entityId = response.headers?.["OData-EntityId"];
        if (part.contentId !== undefined && typeof entityId === "string") created.set(part.contentId, entityId);
      }
      return done;
    });

  const answers: BatchAnswer[] = [];
  for (const item of items) {
    let failure: ApiResponse | undefined;
    if (item.kind === "request") {
      const response = await dispatch(toRequest(item.request));
      answers.push({ kind: "response", contentId: item.request.contentId, response });
      if (failed(response)) failure = response;
    } else {
      try {
        answers.push({ kind: "changeSet", responses: await runChangeSet(item.requests) });
      } catch (error) {
        if (!(error instanceof ChangeSetFailed)) throw error;
        answers.push({ kind: "changeSet", responses: [error.answer] });
        failure = error.answer.response;
      }
    }
    if (failure && !context.continueOnError) return { status: failure.status, answers };
  }
  return { status: 200, answers };
}
