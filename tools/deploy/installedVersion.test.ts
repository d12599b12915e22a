import { compareVersions, decideImport, readInstalledSolution } from "./installedVersion";
import { DeployError, type WebApi } from "./webApi";

describe("compareVersions", () => {
  it.each([
    ["1.0.10.0", "1.0.9.0", 1],
    ["1.0.0.0", "1.0", 0],
    ["1.2.0.0", "1.10.0.0", -1],
  ])("%s vs %s", (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});

describe("decideImport", () => {
  const installed = (version: string, ismanaged = true) => ({ solutionid: "s", version, ismanaged });

  it("installs, upgrades or notes the same version", () => {
    expect(decideImport(undefined, "1.0.0.0", true)).toBe("install");
    expect(decideImport(installed("1.0.0.0"), "1.0.1.0", true)).toBe("upgrade");
    expect(decideImport(installed("1.0.1.0"), "1.0.1.0", true)).toBe("same-version");
  });

  it("stops when a newer version is installed, naming both", () => {
    expect(() => decideImport(installed("2.0.0.0"), "1.0.1.0", true)).toThrow(DeployError);
    expect(() => decideImport(installed("2.0.0.0"), "1.0.1.0", true)).toThrow(/2\.0\.0\.0 is installed, newer than this package's 1\.0\.1\.0/);
  });

  it("stops on a managed/unmanaged mix", () => {
    expect(() => decideImport(installed("1.0.0.0", false), "1.0.0.0", true)).toThrow(/installed unmanaged.*Use --unmanaged/);
  });
});

describe("readInstalledSolution", () => {
  it("queries by unique name and returns the first row or nothing", async () => {
    const paths: string[] = [];
    const api = (rows: unknown[]): WebApi => ({
      environmentUrl: "https://x",
      request: <T>(_m: string, path: string) => {
        paths.push(path);
        return Promise.resolve({ value: rows } as T);
      },
    });
    await expect(readInstalledSolution(api([{ solutionid: "s", version: "1.0.0.0", ismanaged: true }]))).resolves.toEqual({
      solutionid: "s",
      version: "1.0.0.0",
      ismanaged: true,
    });
    await expect(readInstalledSolution(api([]))).resolves.toBeUndefined();
    expect(paths[0]).toBe("solutions?$select=solutionid,version,ismanaged&$filter=uniquename eq 'CommerceB2BOnboarding'");
  });
});
