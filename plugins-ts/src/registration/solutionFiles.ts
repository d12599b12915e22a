import { join } from "node:path";
import { stepXml } from "./stepXml";
import { Steps, type StepRegistration } from "./steps";

/** Where SolutionPackager's unpacked layout keeps the steps: `SdkMessageProcessingSteps/{id}.xml`. */
export const stepsFolder = join(__dirname, "..", "..", "..", "solution", "src", "SdkMessageProcessingSteps");

export function stepFileName(step: StepRegistration): string {
  return `{${step.id}}.xml`;
}

/** Every step file the solution must contain, by file name. */
export function expectedStepFiles(): Map<string, string> {
  return new Map(Steps.map((step) => [stepFileName(step), stepXml(step)]));
}
