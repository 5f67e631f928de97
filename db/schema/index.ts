export * from "./auth";
export * from "./institutions";
export * from "./standard";
export * from "./audit";
export * from "./mail";
export * from "./catalogue";
export * from "./search";
export * from "./api";
