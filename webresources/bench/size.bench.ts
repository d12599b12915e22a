/**
 * `npm run bench` — the form scripts' size: each cb2b_/scripts/<Form>.js as `npm run build:webresources`
 * builds it (here into a temporary folder, from the current sources), raw and gzip, beside the goal of
 * issue 14 (≤ 15,000 bytes each). Prints one `BENCH {json}` line per script; measures, never asserts
 * (webresources/build.test.ts holds the budget).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { report, sizeAgainstGoal } from "../../tools/benchReport";
import { buildWebResources, WebResourceFolder } from "../build";

/** The goal of issue 14 ("Smaller shipped code") for each form script. */
const GoalBytes = 15_000;

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), "cb2b-bench-webresources-"));
  try {
    for (const file of await buildWebResources(outDir)) {
      const script = readFileSync(file);
      report(
        `${WebResourceFolder}/${basename(file)}`,
        sizeAgainstGoal(script, GoalBytes),
        "esbuild bundle + terser, browser targets in webresources/build.ts; gzip at zlib's default level; English and Finnish texts inline",
      );
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
