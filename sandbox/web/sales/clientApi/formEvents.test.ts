import { ASYNC_HANDLER_TIMEOUT_MS, runSaveHandlers, type SaveHandler } from "./formEvents";
import type { SaveArgsState } from "./eventContext";

/** OnSave handler semantics of async OnSave (Client API reference: form OnSave, SaveEventArguments). */
const fresh = (): SaveArgsState => ({ prevented: false, preventOnError: false, asyncTimeoutDisabled: false });

function handlers(...runs: ((state: SaveArgsState) => unknown)[]) {
  const state = fresh();
  const reported: string[] = [];
  const list: SaveHandler[] = runs.map((run, i) => ({ name: `handler${i + 1}`, run: () => run(state) }));
  const result = () => runSaveHandlers(list, state, (error, name) => reported.push(`${name}: ${(error as Error).message}`));
  return { state, reported, result };
}

describe("OnSave handlers", () => {
  it("save when every handler returns (or resolves) without preventDefault", async () => {
    const order: number[] = [];
    const { result, reported } = handlers(
      () => order.push(1),
      async () => {
        order.push(2);
      },
    );
    await expect(result()).resolves.toBe(true);
    expect(order).toEqual([1, 2]);
    expect(reported).toEqual([]);
  });

  it("stop at preventDefault: later handlers do not run", async () => {
    const later = jest.fn();
    const { result } = handlers((state) => {
      state.prevented = true;
    }, later);
    await expect(result()).resolves.toBe(false);
    expect(later).not.toHaveBeenCalled();
  });

  it("a rejected Promise cancels the save silently after preventDefaultOnError", async () => {
    const { result, reported } = handlers((state) => {
      state.preventOnError = true;
      return Promise.reject(new Error("Disqualify cancelled by the user."));
    });
    await expect(result()).resolves.toBe(false);
    expect(reported).toEqual([]);
  });

  it("a rejected Promise without preventDefaultOnError is a script error, and the save goes on", async () => {
    const { result, reported } = handlers(() => Promise.reject(new Error("lookup failed")));
    await expect(result()).resolves.toBe(true);
    expect(reported).toEqual(["handler1: lookup failed"]);
  });

  describe("timeout", () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it("blocks the save when a Promise is still pending after the timeout", async () => {
      const { result, reported } = handlers(() => new Promise(() => undefined));
      const outcome = result();
      await jest.advanceTimersByTimeAsync(ASYNC_HANDLER_TIMEOUT_MS);
      await expect(outcome).resolves.toBe(false);
      expect(reported).toEqual(["handler1: handler1 did not finish within 10 seconds."]);
    });

    it("waits without limit once the handler disabled the timeout before its first await", async () => {
      let answer: () => void = () => undefined;
      const { result } = handlers((state) => {
        state.asyncTimeoutDisabled = true;
        return new Promise<void>((resolve) => {
          answer = resolve;
        });
      });
      const outcome = result();
      await jest.advanceTimersByTimeAsync(ASYNC_HANDLER_TIMEOUT_MS * 6);
      answer();
      await expect(outcome).resolves.toBe(true);
    });
  });
});
