/**
 * The Client API surface the sandbox implements is a subset. Anything else a script reaches for
 * fails loudly with the member's full name instead of silently returning undefined, so a script that
 * needs more is noticed at once.
 */
export function notImplemented(member: string): Error {
  return new Error(`The sandbox does not implement ${member}`);
}

// Probed by the JS runtime, Promise resolution, JSON, React and test tooling: never a Client API member.
const PROBED = new Set(["then", "toJSON", "constructor", "$$typeof", "nodeType", "asymmetricMatch", "@@__IMMUTABLE_ITERABLE__@@", "@@__IMMUTABLE_RECORD__@@", "_isMockFunction"]);

/** Wraps an implementation so that reading any member it does not define throws notImplemented. */
export function strict<T extends object>(path: string, implementation: T): T {
  return new Proxy(implementation, {
    get(target, property, receiver) {
      if (typeof property === "symbol" || property in target || PROBED.has(property)) {
        return Reflect.get(target, property, receiver);
      }
      throw notImplemented(`${path}.${property}`);
    },
  });
}
