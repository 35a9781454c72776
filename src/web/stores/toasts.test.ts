import { afterEach, describe, expect, it } from "vitest";
import { useToasts } from "./toasts";

describe("toasts", () => {
  afterEach(() => useToasts.setState({ toasts: [] }));

  it("are failures unless told otherwise, so a done action is not drawn as an error", () => {
    useToasts.getState().show("Could not pin.");
    useToasts.getState().show("Copied to clipboard.", "info");
    expect(useToasts.getState().toasts.map(({ text, kind }) => ({ text, kind }))).toEqual([
      { text: "Could not pin.", kind: "error" },
      { text: "Copied to clipboard.", kind: "info" },
    ]);
  });
});
