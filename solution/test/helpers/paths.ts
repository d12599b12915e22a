/** Folders the solution tests read. The reference fixtures live outside the repository. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export const repoRoot = resolve(__dirname, "..", "..", "..");
export const solutionSource = join(repoRoot, "solution", "src");
export const referenceDir = resolve(repoRoot, "..", "shared", "reference");
export const schemaDir = join(referenceDir, "schemas", "libxml2-compat");
export const hasReference = existsSync(join(schemaDir, "CustomizationsSolution.xsd"));
/** Appended to the names of suites that need ../shared/reference, so a skip explains itself. */
export const referenceSkipNote = hasReference ? "" : " (skipped: ../shared/reference not found)";
