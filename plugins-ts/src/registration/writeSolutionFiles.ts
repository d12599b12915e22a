/**
 * `npm run webhook:steps`: writes solution/src/SdkMessageProcessingSteps/{id}.xml from the step registry
 * (steps.ts) and removes step files that are no longer registered. The service endpoint in
 * Other/Customizations.xml and the root components in Other/Solution.xml are kept by hand; the
 * registration test checks that all of them agree.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expectedStepFiles, stepsFolder } from "./solutionFiles";

const expected = expectedStepFiles();
mkdirSync(stepsFolder, { recursive: true });
for (const [name, xml] of expected) writeFileSync(join(stepsFolder, name), xml);
for (const name of existsSync(stepsFolder) ? readdirSync(stepsFolder) : []) {
  if (!expected.has(name)) rmSync(join(stepsFolder, name));
}
process.stdout.write(`${expected.size} step files in ${stepsFolder}\n`);
