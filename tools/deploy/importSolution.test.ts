import { importSolutionAsync, missingDependenciesFrom } from "./importSolution";
import { DeployError, type WebApi } from "./webApi";

const ASYNC_ID = "aaaaaaaa-0000-4000-8000-000000000001";
const JOB_ID = "bbbbbbbb-0000-4000-8000-000000000002";

const MISSING =
  '<MissingDependencies><MissingDependency><Required type="2" schemaName="lead/msdyn_companyid" displayName="Company" solution="Dynamics365Company (1.0)" />' +
  '<Dependent type="2" schemaName="lead/cb2b_x" displayName="X" /></MissingDependency></MissingDependencies>';
const escaped = MISSING.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const FAILED_DATA = `<importexportxml><result result="failure" errorcode="0x80048033" errortext="The following solution cannot be imported: CommerceB2BOnboarding. Some dependencies are missing. The missing dependencies are : ${escaped}" /></importexportxml>`;

function fakeApi(statuses: [number, number][], importJobData = "") {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  let poll = 0;
  const api: WebApi = {
    environmentUrl: "https://x",
    request: <T>(method: string, path: string, body?: unknown) => {
      calls.push({ method, path, body });
      if (path === "ImportSolutionAsync") return Promise.resolve({ AsyncOperationId: ASYNC_ID, ImportJobKey: JOB_ID } as T);
      if (path.startsWith("asyncoperations(")) {
        const [statecode, statuscode] = statuses[Math.min(poll++, statuses.length - 1)];
        return Promise.resolve({ statecode, statuscode } as T);
      }
      if (path.startsWith(`importjobs(${JOB_ID})`)) return Promise.resolve({ data: importJobData } as T);
      return Promise.reject(new Error(`unexpected ${path}`));
    },
  };
  return { api, calls };
}

describe("importSolutionAsync", () => {
  it("uploads the zip, logs each status change and returns on success", async () => {
    const f = fakeApi([[0, 0], [2, 20], [2, 20], [3, 30]]);
    const lines: string[] = [];
    let waits = 0;
    const zip = Buffer.from("PK zip");
    await expect(
      importSolutionAsync(f.api, { zip, overwriteUnmanagedCustomizations: false, log: (l) => lines.push(l), wait: () => Promise.resolve(void waits++) }),
    ).resolves.toEqual({ AsyncOperationId: ASYNC_ID, ImportJobKey: JOB_ID });
    expect(f.calls[0].body).toEqual({ CustomizationFile: zip.toString("base64"), OverwriteUnmanagedCustomizations: false, PublishWorkflows: true });
    expect(waits).toBe(3);
    expect(lines).toEqual([
      `import started: system job ${ASYNC_ID}, import job ${JOB_ID}`,
      "import: Waiting for resources (statecode 0, statuscode 0)",
      "import: In progress (statecode 2, statuscode 20)",
      "import: Succeeded (statecode 3, statuscode 30)",
    ]);
  });

  it("names the missing dependencies from the import job", async () => {
    const f = fakeApi([[3, 31]], FAILED_DATA);
    const err = await importSolutionAsync(f.api, { zip: Buffer.from(""), overwriteUnmanagedCustomizations: false, log: () => undefined, wait: () => Promise.resolve() }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeployError);
    expect((err as Error).message).toContain("missing dependencies");
    expect((err as Error).message).toContain("Company (lead/msdyn_companyid, from solution Dynamics365Company (1.0))");
  });

  it("reports another failure with the import job's error", async () => {
    const f = fakeApi([[3, 31]], '<importexportxml><result result="failure" errorcode="0x8004801a" errortext="Solution is not valid" /></importexportxml>');
    await expect(
      importSolutionAsync(f.api, { zip: Buffer.from(""), overwriteUnmanagedCustomizations: false, log: () => undefined, wait: () => Promise.resolve() }),
    ).rejects.toThrow("import failed: 0x8004801a Solution is not valid");
  });

  it("gives up after maxPolls, naming the job", async () => {
    const f = fakeApi([[2, 20]]);
    await expect(
      importSolutionAsync(f.api, { zip: Buffer.from(""), overwriteUnmanagedCustomizations: false, log: () => undefined, wait: () => Promise.resolve(), maxPolls: 2 }),
    ).rejects.toThrow(`follow system job ${ASYNC_ID}`);
  });
});

describe("missingDependenciesFrom", () => {
  it("reads Required elements given directly too", () => {
    expect(missingDependenciesFrom(`<x>${MISSING}</x>`)).toEqual([
      { schemaName: "lead/msdyn_companyid", displayName: "Company", type: "2", solution: "Dynamics365Company (1.0)" },
    ]);
  });
});
