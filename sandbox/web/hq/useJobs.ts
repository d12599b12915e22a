import * as React from "react";
import type { ICommandBarItemProps } from "@fluentui/react";
import { format } from "../../../core/src/messages";
import { useHq } from "./context";
import type { PageMessage } from "./PageFrame";
import { prospectsCreatedMessage, uploadedMessage } from "./strings";

/**
 * The action pane's batch jobs: P-0001, Synchronize customers and channel requests, and — when the
 * Commerce server runs with the sandbox's dual-write — a sync-now button. Each call's result is the
 * page's message; `onDone` reloads the page's list.
 */
export function useJobs(onDone: () => void): { items: ICommandBarItemProps[]; message: PageMessage | null; dismiss(): void } {
  const { client, strings: s } = useHq();
  const [running, setRunning] = React.useState<string | null>(null);
  const [message, setMessage] = React.useState<PageMessage | null>(null);
  const [dualWrite, setDualWrite] = React.useState(false);

  React.useEffect(() => {
    let active = true;
    client.hasDualWrite().then(
      (available) => active && setDualWrite(available),
      () => undefined, // without the answer the button simply stays hidden
    );
    return () => {
      active = false;
    };
  }, [client]);

  const run = async (name: string, job: () => Promise<string>): Promise<void> => {
    setRunning(name);
    setMessage(null);
    try {
      setMessage({ type: "success", text: await job() });
    } catch (error) {
      setMessage({ type: "error", text: format(s.jobFailed, name, error instanceof Error ? error.message : String(error)) });
    } finally {
      setRunning(null);
      onDone();
    }
  };

  const items: ICommandBarItemProps[] = [
    {
      key: "p0001",
      text: s.runP0001,
      iconProps: { iconName: "Play" },
      disabled: running !== null,
      onClick: () => void run("P-0001", async () => uploadedMessage(s, (await client.runP0001()).uploaded)),
    },
    {
      key: "sync",
      text: s.runSync,
      iconProps: { iconName: "Sync" },
      disabled: running !== null,
      onClick: () =>
        void run(s.runSync, async () => prospectsCreatedMessage(s, (await client.runSynchronizeCustomersAndChannelRequests()).prospects.length)),
    },
  ];
  if (dualWrite) {
    items.push({
      key: "dualwrite",
      text: s.runDualWrite,
      iconProps: { iconName: "SwitcherStartEnd" },
      disabled: running !== null,
      onClick: () =>
        void run(s.runDualWrite, async () => {
          const r = await client.runDualWriteSync();
          return format(s.dualWriteDone, ...[r.leadsCreated, r.leadsUpdated, r.prospectsUpdated, r.customersWritten, r.failed].map(String));
        }),
    });
  }
  return { items, message, dismiss: () => setMessage(null) };
}
