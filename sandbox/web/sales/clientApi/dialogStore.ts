/**
 * The dialogs the Client API opens (alert, confirm, error) and the progress indicator, as state the
 * page's <DialogHost> renders. Each dialog resolves its promise when the user closes it, as
 * Xrm.Navigation's dialogs do.
 */
export type OpenDialog =
  | { key: number; kind: "alert"; title?: string; text: string; confirmButtonLabel: string; close(): void }
  | {
      key: number;
      kind: "confirm";
      title?: string;
      subtitle?: string;
      text: string;
      confirmButtonLabel: string;
      cancelButtonLabel: string;
      close(confirmed: boolean): void;
    }
  | { key: number; kind: "error"; title: string; text: string; details?: string; confirmButtonLabel: string; close(): void };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class DialogStore {
  private dialogs: OpenDialog[] = [];
  private progress: string | null = null;
  private nextKey = 1;
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get open(): readonly OpenDialog[] {
    return this.dialogs;
  }

  get progressMessage(): string | null {
    return this.progress;
  }

  private changed(): void {
    this.listeners.forEach((listener) => listener());
  }

  /** Opens a dialog; `settle` receives the user's answer once, and the dialog goes away. */
  show<R>(dialog: DistributiveOmit<OpenDialog, "key" | "close">, answerOnClose: (...args: boolean[]) => R): Promise<R> {
    return new Promise((resolve) => {
      const key = this.nextKey++;
      const close = (...args: boolean[]) => {
        if (!this.dialogs.some((d) => d.key === key)) return;
        this.dialogs = this.dialogs.filter((d) => d.key !== key);
        this.changed();
        resolve(answerOnClose(...args));
      };
      this.dialogs = [...this.dialogs, { ...dialog, key, close } as OpenDialog];
      this.changed();
    });
  }

  showProgress(message: string): void {
    this.progress = message;
    this.changed();
  }

  closeProgress(): void {
    this.progress = null;
    this.changed();
  }
}
