/**
 * Decides whether to import by comparing the built solution's version with the installed one
 * (`solutions?$filter=uniquename eq '…'`). Dataverse refuses to import an older version over a newer one,
 * so that case stops before any upload, with the versions named.
 */
import { DeployError, type WebApi } from "./webApi";

export const SOLUTION_UNIQUE_NAME = "CommerceB2BOnboarding";

export interface InstalledSolution {
  readonly solutionid: string;
  readonly version: string;
  readonly ismanaged: boolean;
}

/** Compares dotted versions numerically (1.0.10.0 > 1.0.9.0); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export async function readInstalledSolution(api: WebApi, uniqueName = SOLUTION_UNIQUE_NAME): Promise<InstalledSolution | undefined> {
  const page = await api.request<{ value: InstalledSolution[] }>(
    "GET",
    `solutions?$select=solutionid,version,ismanaged&$filter=uniquename eq '${uniqueName}'`,
  );
  return page.value[0];
}

export type ImportDecision = "install" | "upgrade" | "same-version";

export function decideImport(installed: InstalledSolution | undefined, packageVersion: string, packageManaged: boolean): ImportDecision {
  if (!installed) return "install";
  if (installed.ismanaged !== packageManaged) {
    throw new DeployError(
      `${SOLUTION_UNIQUE_NAME} ${installed.version} is installed ${installed.ismanaged ? "managed" : "unmanaged"}; ` +
        `a ${packageManaged ? "managed" : "unmanaged"} package cannot be imported over it. Use ${installed.ismanaged ? "--managed" : "--unmanaged"}, or delete the installed solution first.`,
    );
  }
  const c = compareVersions(installed.version, packageVersion);
  if (c > 0) {
    throw new DeployError(
      `${SOLUTION_UNIQUE_NAME} ${installed.version} is installed, newer than this package's ${packageVersion}: nothing imported. Build from a newer version (solution/src/Other/Solution.xml) or deploy to another environment.`,
    );
  }
  return c === 0 ? "same-version" : "upgrade";
}
