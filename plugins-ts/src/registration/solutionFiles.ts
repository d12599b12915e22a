import { join } from "node:path";
import { stepXml } from "./stepXml";
import { shippedSteps } from "./stepPlacement";
import type { StepRegistration } from "./steps";

/** Where SolutionPackager's unpacked layout keeps the steps: `SdkMessageProcessingSteps/{id}.xml`. */
export const stepsFolder = join(__dirname, "..", "..", "..", "solution", "src", "SdkMessageProcessingSteps");

export function stepFileName(step: StepRegistration): string {
  return `{${step.id}}.xml`;
}

/** Every step file the solution must contain, by file name (the deploy registers the others). */
export function expectedStepFiles(): Map<string, string> {
  return new Map(shippedSteps.map((step) => [stepFileName(step), stepXml(step)]));
}
