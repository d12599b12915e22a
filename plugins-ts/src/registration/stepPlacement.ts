import { Steps, type StepRegistration } from "./steps";

/**
 * Where each step is registered. An exported step names its SDK message by id alone. Platform
 * messages have the same id in every environment, and for Update and SetState Microsoft's own
 * material gives it, so those steps ship inside the solution. The ids of QualifyLead, WinOpportunity
 * and LoseOpportunity (Sales messages) could not be confirmed from any public source, and a step with
 * a wrong or missing id breaks the import; those steps are registered by `npm run deploy` instead,
 * which looks the message and its filter up by name in the target environment.
 */
export const KnownSdkMessageIds: Partial<Record<StepRegistration["message"], string>> = {
  Update: "20bebb1b-ea3e-db11-86a7-000a3a5473e8",
  SetState: "1cbebb1b-ea3e-db11-86a7-000a3a5473e8",
};

export const shippedSteps: readonly StepRegistration[] = Steps.filter((step) => KnownSdkMessageIds[step.message] !== undefined);

export const deployTimeSteps: readonly StepRegistration[] = Steps.filter((step) => KnownSdkMessageIds[step.message] === undefined);
