/** The lint rule that keeps browser code from importing server code, checked on samples. */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").length;
}

describe("import boundaries", () => {
  it("refuses server imports in web and app code", async () => {
    expect(await restrictedImports("src/web/sample.ts", 'import { parseConfig } from "@/server/config";\nparseConfig();\n')).toBe(1);
    expect(await restrictedImports("src/app/sample.tsx", 'import { errors } from "../server/errors";\nerrors.unauthorized();\n')).toBe(1);
  });
  it("refuses server and web imports in shared code", async () => {
    expect(await restrictedImports("src/shared/sample.ts", 'import { errors } from "@/server/errors";\nerrors.unauthorized();\n')).toBe(1);
    expect(await restrictedImports("src/shared/sample.ts", 'import { api } from "@/web/api";\napi();\n')).toBe(1);
  });
  it("allows shared imports everywhere", async () => {
    expect(await restrictedImports("src/web/sample.ts", 'import { limits } from "@/shared/limits";\nvoid limits;\n')).toBe(0);
  });
});
