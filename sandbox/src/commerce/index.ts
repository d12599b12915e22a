export { CommerceHq, CommerceRuleError, type CommerceHqOptions } from "./commerceHq";
export { createCommerceApi, startCommerceServer, type CommerceServer, type DualWriteControl } from "./api";
export { JobScheduler } from "./jobScheduler";
export { DefaultChannels, type Channel } from "./channels";
export type { SignupInput, SignupError } from "./signup";
export type { Prospect, ProspectStatusName } from "./prospects";
export type { Customer, PartyType } from "./customers";
export type { CustomerHierarchy } from "./hierarchies";
export type { OutboxEmail } from "./outbox";
