import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const serverImport = {
  group: ["@/server", "@/server/*", "**/server/*", "../server", "../../server"],
  message: "Browser code must not import server code; share it through src/shared.",
};

export default tseslint.config(
  { ignores: ["node_modules", ".next", "dist", "data", "test-results", "next-env.d.ts", "src/server/db/migrations"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["src/web/**", "src/app/**"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "no-restricted-imports": ["error", { patterns: [serverImport] }],
    },
  },
  {
    files: ["src/shared/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            serverImport,
            { group: ["@/web", "@/web/*", "@/app/*", "**/web/*", "**/app/*"], message: "src/shared imports neither server nor web code." },
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**", "bench/**"],
    rules: { "no-console": "off" },
  },
);
