/** Builds the folder the packer reads: the solution source plus built controls and web resources. */
import { existsSync } from "node:fs";
import { BuildError } from "./errors";
import { replaceWithCopy } from "./fileTree";
import { readSolutionInfo, type SolutionInfo } from "./solutionInfo";
import { stageControls, type StagedControl } from "./stageControls";
import { stageWebResources } from "./stageWebResources";

export interface StageOptions {
  solutionSource: string;
  builtControls: string;
  builtWebResources: string;
  staging: string;
}

export interface StageResult {
  solution: SolutionInfo;
  controls: StagedControl[];
  webResources: string[];
}

export function stageSolution(options: StageOptions): StageResult {
  if (!existsSync(options.solutionSource)) throw new BuildError("solution source folder not found", options.solutionSource);
  const solution = readSolutionInfo(options.solutionSource);
  replaceWithCopy(options.solutionSource, options.staging);
  const controls = stageControls(options.builtControls, options.staging, options.solutionSource, solution.publisherPrefix);
  const webResources = stageWebResources(options.builtWebResources, options.staging, options.solutionSource);
  return { solution, controls, webResources };
}
