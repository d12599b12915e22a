export * from "./columns";
export * from "./names";
export * from "./prospectStateMachine";
export * from "./prospectStatusConsistency";
export * from "./qualification";
export * from "./messages";
export * from "./provenance";
export * from "./qualificationRecords";
