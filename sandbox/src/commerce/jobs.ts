import { getChannel } from "./channels";
import { insertProspectFromRequest, type Prospect } from "./prospects";
import { listSignupRequests, markRequestProcessed, uploadChannelRequests } from "./signupRequests";
import type { SqlDatabase } from "./sqlite";

export type JobName = "P-0001" | "SynchronizeCustomersAndChannelRequests";

function recordRun(db: SqlDatabase, job: JobName, processed: number, now: Date): void {
  db.prepare("INSERT INTO commerce_job_runs (job, started_at, processed) VALUES (?, ?, ?)").run(job, now.toISOString(), processed);
}

/** P-0001: the distribution schedule job that uploads channel transactions (here: sign-up requests). */
export function runP0001(db: SqlDatabase, now: Date): { uploaded: number } {
  return db.transaction(() => {
    const uploaded = uploadChannelRequests(db, now);
    recordRun(db, "P-0001", uploaded, now);
    return { uploaded };
  })();
}

/** *Synchronize customers and channel requests*: uploaded requests become Pending B2B prospects. */
export function runSynchronizeCustomersAndChannelRequests(db: SqlDatabase, now: Date): { prospects: Prospect[] } {
  return db.transaction(() => {
    const prospects: Prospect[] = [];
    for (const request of listSignupRequests(db, "Headquarters")) {
      const channel = getChannel(db, request.channel);
      // The channel was checked at sign-up and channels are never deleted; a missing one is corrupt data.
      if (!channel) throw new Error(`Sign-up request ${request.requestId} names the unknown channel ${request.channel}.`);
      const prospect = insertProspectFromRequest(db, request, channel, now);
      markRequestProcessed(db, request.requestId, prospect.prospectId, now);
      prospects.push(prospect);
    }
    recordRun(db, "SynchronizeCustomersAndChannelRequests", prospects.length, now);
    return { prospects };
  })();
}

export interface JobRun {
  runId: number;
  job: JobName;
  startedAt: string;
  processed: number;
}

export function listJobRuns(db: SqlDatabase): JobRun[] {
  return (
    db.prepare("SELECT run_id, job, started_at, processed FROM commerce_job_runs ORDER BY run_id").all() as {
      run_id: number;
      job: JobName;
      started_at: string;
      processed: number;
    }[]
  ).map((r) => ({ runId: r.run_id, job: r.job, startedAt: r.started_at, processed: r.processed }));
}
