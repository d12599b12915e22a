import type { CommerceHq } from "./commerceHq";

/**
 * Demo mode only: runs P-0001 and *Synchronize customers and channel requests* on a timer, as a
 * batch schedule in headquarters would. Tests call the jobs directly instead.
 */
export class JobScheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly commerce: CommerceHq,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.commerce.runJobs();
      } catch (error) {
        this.onError(error);
      }
    }, intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
