/** A refusal the SFU answers with a stable code instead of crashing. */
export class SfuError extends Error {
  constructor(
    readonly code: "BAD_REQUEST" | "NOT_FOUND" | "INTERNAL",
    message: string,
  ) {
    super(message);
  }
}
