// Bundles the server into dist/server.mjs (dependencies stay in node_modules) and
// copies the migrations beside it, so production start needs no TypeScript loader.
import { build } from "esbuild";
import { cp, rm } from "node:fs/promises";

await rm("dist", { recursive: true, force: true });
await build({
  entryPoints: ["src/server/main.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  alias: { "@": "./src" },
  logLevel: "warning",
});
await cp("src/server/db/migrations", "dist/migrations", { recursive: true });
console.log("built dist/server.mjs");
