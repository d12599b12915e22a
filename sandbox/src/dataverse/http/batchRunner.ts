/** Runs the items of a `$batch`: requests one by one, change sets each in one transaction. */
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
  const toRequest = (part: BatchRequest): ApiRequest => {
    const request = partToRequest(part, context.apiUrl);
    request.headers.authorization ??= context.authorization;
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
