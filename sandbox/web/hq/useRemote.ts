import * as React from "react";

export interface Remote<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  refresh(): void;
}

/**
 * Loads a list from the Commerce API and reloads it on refresh() or when `load` changes. Answers that
 * arrive after a newer request (or after unmount) are dropped.
 */
export function useRemote<T>(load: () => Promise<T>): Remote<T> {
  const [state, setState] = React.useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const sequence = React.useRef(0);
  const [tick, setTick] = React.useState(0);

  React.useEffect(() => {
    const mine = ++sequence.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === sequence.current && setState({ data, error: null, loading: false }),
      (error: unknown) => mine === sequence.current && setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error), loading: false })),
    );
    return () => {
      // A newer effect run or an unmount makes this answer stale.
      sequence.current++;
    };
  }, [load, tick]);

  const refresh = React.useCallback(() => setTick((t) => t + 1), []);
  return { ...state, refresh };
}
