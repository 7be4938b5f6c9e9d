export * from "./enums";
export * from "./users";
export * from "./organizations";
export * from "./system";
export * from "./market";
export * from "./search";
export * from "./notifications";
export * from "./deals";
