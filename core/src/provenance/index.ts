export * from "./types";
export * from "./derive";
export * from "./query";
export * from "./source";
