/**
 * `npm run build`: the whole chain from a clean clone to two importable solutions.
 *   1. build the PCF controls and the web resources (when their npm scripts exist);
 *   2. stage solution/src plus the built files in out/solution/staging;
 *   3. pack out/solution/CommerceB2BOnboarding.zip (unmanaged) and …_managed.zip.
 * Each step prints its time; any failure stops the build with the file and the problem.
 */
import { relative } from "node:path";
import { performance } from "node:perf_hooks";
import { BuildError } from "./build/errors";
import { buildPaths } from "./build/paths";
import { presentScripts, runNpmScript } from "./build/npmScripts";
import { stageSolution } from "./build/stage";
import { packZips } from "./build/packZips";
import { formatMs, runStep, type StepTiming } from "./build/steps";

const COMPONENT_BUILDS = ["build:controls", "build:webresources", "build:sandbox-web"] as const;

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
  const paths = buildPaths();
  const log = (line: string): void => console.log(line);
  const timings: StepTiming[] = [];
  const started = performance.now();

  for (const script of presentScripts(paths.root, COMPONENT_BUILDS)) {
    await runStep(`npm run ${script}`, timings, log, () => runNpmScript(paths.root, script));
  }

  const staged = await runStep("stage solution", timings, log, () =>
    stageSolution({
      solutionSource: paths.solutionSource,
      builtControls: paths.builtControls,
      builtWebResources: paths.builtWebResources,
      staging: paths.staging,
    }),
  );
  log(`  ${staged.solution.uniqueName} ${staged.solution.version}: ${staged.controls.length} control(s), ${staged.webResources.length} web resource(s)`);

  const zips = await runStep("pack solutions", timings, log, () =>
    packZips(paths.staging, paths.solutionOut, staged.solution.uniqueName),
  );

  log("");
  for (const zip of zips) log(`${zip.packageType.padEnd(9)} ${relative(paths.root, zip.zipFile)}  ${formatBytes(zip.bytes)}`);
  log(`build finished in ${formatMs(performance.now() - started)} (${timings.map((t) => `${t.name} ${formatMs(t.ms)}`).join(", ")})`);
}

main().catch((error: unknown) => {
  const root = buildPaths().root;
  const message =
    error instanceof BuildError && error.file
      ? `${relative(root, error.file)}: ${error.problem}`
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`build failed: ${message}`);
  process.exitCode = 1;
});
