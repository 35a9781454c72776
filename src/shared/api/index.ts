/**
 * The public HTTP API v1, one file per resource: input schemas (zod, validated on the
 * server, reused by the browser) and the shapes presenters send back. Ids are strings
 * everywhere. Import from here (`@/shared/api`); the files name where each lives.
 */
export * from "./common";
export * from "./errors";
export * from "./servers";
export * from "./channels";
export * from "./roles";
export * from "./members";
export * from "./audit";
export * from "./invites";
export * from "./messages";
export * from "./search";
export * from "./dms";
export * from "./users";
export * from "./attachments";
export * from "./appearance";
export * from "./notifications";
