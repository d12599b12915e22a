/**
 * Imports a solution zip with ImportSolutionAsync and follows the system job it starts
 * (asyncoperations: statecode 3 Completed; statuscode 30 Succeeded, 31 Failed, 32 Canceled). On failure the
 * import job's `data` is read and its missing dependencies are named, since that is what the user must
 * install first (e.g. the dual-write columns). The wait between polls is injected, so tests never sleep.
 */
import { DOMParser } from "@xmldom/xmldom";
import { DeployError, type WebApi } from "./webApi";

export interface ImportSolutionAsyncResponse {
  readonly AsyncOperationId: string;
  readonly ImportJobKey: string;
}

interface AsyncOperationRow {
  statecode: number;
  statuscode: number;
  message?: string | null;
  friendlymessage?: string | null;
}

export interface MissingDependency {
  readonly schemaName: string;
  readonly displayName: string;
  readonly type: string;
  readonly solution: string;
}

const STATE_COMPLETED = 3;
const STATUS_SUCCEEDED = 30;
const STATUS_LABELS: Record<number, string> = {
  0: "Waiting for resources",
  10: "Waiting",
  20: "In progress",
  21: "Pausing",
  22: "Canceling",
  30: "Succeeded",
  31: "Failed",
  32: "Canceled",
};

/**
 * Missing dependencies appear as <MissingDependency><Required …/> either as elements of the job data or
 * escaped inside a result's errortext; both are read.
 */
export function missingDependenciesFrom(importJobData: string): MissingDependency[] {
  const found = new Map<string, MissingDependency>();
  const collect = (xml: string): void => {
    const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, "text/xml");
    const required = doc.getElementsByTagName("Required");
    for (let i = 0; i < required.length; i++) {
      const r = required[i];
      const dep = {
        schemaName: r.getAttribute("schemaName") ?? "",
        displayName: r.getAttribute("displayName") ?? "",
        type: r.getAttribute("type") ?? "",
        solution: r.getAttribute("solution") ?? "",
      };
      found.set(`${dep.type}/${dep.schemaName}`, dep);
    }
    const results = doc.getElementsByTagName("result");
    for (let i = 0; i < results.length; i++) {
      const text = results[i].getAttribute("errortext") ?? "";
      const start = text.indexOf("<MissingDependencies");
      const end = text.lastIndexOf("</MissingDependencies>");
      if (start >= 0 && end > start) collect(text.slice(start, end + "</MissingDependencies>".length));
    }
  };
  collect(importJobData);
  return [...found.values()];
}

export function importFailureText(importJobData: string): string {
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(importJobData, "text/xml");
  const results = doc.getElementsByTagName("result");
  for (let i = 0; i < results.length; i++) {
    if (results[i].getAttribute("result") === "failure") {
      return `${results[i].getAttribute("errorcode") ?? ""} ${results[i].getAttribute("errortext") ?? ""}`.trim();
    }
  }
  return "";
}

export interface ImportOptions {
  readonly zip: Buffer;
  readonly overwriteUnmanagedCustomizations: boolean;
  readonly log: (line: string) => void;
  /** Resolves when the next poll is due. */
  readonly wait: () => Promise<void>;
  readonly maxPolls?: number;
}

export async function importSolutionAsync(api: WebApi, options: ImportOptions): Promise<ImportSolutionAsyncResponse> {
  const started = await api.request<ImportSolutionAsyncResponse>("POST", "ImportSolutionAsync", {
    CustomizationFile: options.zip.toString("base64"),
    OverwriteUnmanagedCustomizations: options.overwriteUnmanagedCustomizations,
    PublishWorkflows: true,
  });
  options.log(`import started: system job ${started.AsyncOperationId}, import job ${started.ImportJobKey}`);
  let last = "";
  for (let poll = 0; poll < (options.maxPolls ?? 1800); poll++) {
    const job = await api.request<AsyncOperationRow>(
      "GET",
      `asyncoperations(${started.AsyncOperationId})?$select=statecode,statuscode,message,friendlymessage`,
    );
    const status = `${STATUS_LABELS[job.statuscode] ?? "status"} (statecode ${job.statecode}, statuscode ${job.statuscode})`;
    if (status !== last) options.log(`import: ${status}`);
    last = status;
    if (job.statecode === STATE_COMPLETED) {
      if (job.statuscode === STATUS_SUCCEEDED) return started;
      throw await describeImportFailure(api, started.ImportJobKey, job);
    }
    await options.wait();
  }
  throw new DeployError(`import still running after ${options.maxPolls ?? 1800} polls; follow system job ${started.AsyncOperationId} in the environment`);
}

async function describeImportFailure(api: WebApi, importJobId: string, job: AsyncOperationRow): Promise<DeployError> {
  const importJob = await api.request<{ data?: string | null }>("GET", `importjobs(${importJobId})?$select=data,progress`);
  const data = importJob.data ?? "";
  const missing = missingDependenciesFrom(data);
  if (missing.length > 0) {
    const names = missing.map((d) => `  - ${d.displayName || d.schemaName} (${d.schemaName}${d.solution ? `, from solution ${d.solution}` : ""})`);
    return new DeployError(`import failed: missing dependencies. Install these first (e.g. dual-write for its columns), then re-run:\n${names.join("\n")}`);
  }
  return new DeployError(`import failed: ${importFailureText(data) || job.friendlymessage || job.message || `statuscode ${job.statuscode}`}`);
}
