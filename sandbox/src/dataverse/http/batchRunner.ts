/**
 * Runs the items of a `$batch`: requests one by one, change sets each in one transaction. Every part runs
 * as the caller of the batch. Microsoft's "Execute batch operations using the Web API" does not say what
 * Dataverse does with an `Authorization` header inside a part, so rather than guess (ignore it or honour
 * it) the sandbox refuses such a batch with a 400 naming the part, before any part runs.
 */
import { badRequest, ErrorCodes } from "../errors";
import type { Engine } from "../engine/engine";
import type { Caller } from "../engine/scope";
import { partToRequest, type BatchAnswer, type BatchItem, type BatchRequest } from "./batch";
import type { ApiRequest, ApiResponse } from "./context";

/** Carries a change set's failing answer out of its transaction, rolling the change set back. */
class ChangeSetFailed extends Error {
  constructor(readonly response: ApiResponse) {
    super(`change set failed with HTTP ${response.status}`);
  }
}

export async function runBatch(
  items: BatchItem[],
  context: { engine: Engine; caller: Caller; apiUrl: string; authorization: string | undefined },
  dispatch: (request: ApiRequest) => Promise<ApiResponse>,
): Promise<BatchAnswer[]> {
  for (const part of items.flatMap((item) => (item.kind === "request" ? [item.request] : item.requests))) {
    if (part.headers.authorization !== undefined) {
      throw badRequest(
        `The $batch part '${part.method} ${part.url}' has its own Authorization header. Every request in a batch runs as the caller of the batch; send a separate batch for another identity.`,
        ErrorCodes.invalidArgument,
      );
    }
  }
  const toRequest = (part: BatchRequest): ApiRequest => {
    const request = partToRequest(part, context.apiUrl);
    // The batch's own credentials, never a part's (refused above).
    request.headers.authorization = context.authorization;
    return request;
  };
  const answers: BatchAnswer[] = [];
  for (const item of items) {
    if (item.kind === "request") {
      answers.push({ kind: "response", response: await dispatch(toRequest(item.request)) });
      continue;
    }
    try {
      const responses = await context.engine.executeChangeSet(context.caller, async () => {
        const done: { contentId?: string; response: ApiResponse }[] = [];
        for (const part of item.requests) {
          const response = await dispatch(toRequest(part));
          if (response.status >= 400) throw new ChangeSetFailed(response);
          done.push({ contentId: part.contentId, response });
        }
        return done;
      });
      answers.push({ kind: "changeSet", responses });
    } catch (error) {
      if (!(error instanceof ChangeSetFailed)) throw error;
      answers.push({ kind: "response", response: error.response });
    }
  }
  return answers;
}
