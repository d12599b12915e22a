import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

/** The repository root (this file is sandbox/src/start/paths.ts). */
export const repoRoot = resolve(__dirname, "..", "..", "..");

export const managedSolutionZip = join(repoRoot, "out", "solution", "CommerceB2BOnboarding_managed.zip");

export interface SandboxFiles {
  dir: string;
  dataverseDb: string;
  commerceDb: string;
}

export function sandboxFiles(dir: string = join(repoRoot, ".sandbox")): SandboxFiles {
  return { dir, dataverseDb: join(dir, "dataverse.db"), commerceDb: join(dir, "commerce.db") };
}

/** `--reset`: removes both databases with their WAL and shared-memory files. */
export function resetSandbox(files: SandboxFiles): string[] {
  const removed: string[] = [];
  for (const db of [files.dataverseDb, files.commerceDb]) {
    for (const file of [db, `${db}-wal`, `${db}-shm`]) {
      if (existsSync(file)) {
        rmSync(file);
        removed.push(file);
      }
    }
  }
  return removed;
}
