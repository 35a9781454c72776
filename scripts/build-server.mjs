// Bundles the server into dist/server.mjs and the SFU child process into dist/sfu.mjs
// (dependencies stay in node_modules) and copies the migrations beside them, so
// production start needs no TypeScript loader. The server is split into chunks: what
// main.ts imports dynamically (the app, Next.js, drivers used only when configured) and
// the packages those chunks import load when first needed, not before listening.
import { build } from "esbuild";
import { cp, rm } from "node:fs/promises";

await rm("dist", { recursive: true, force: true });
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  alias: { "@": "./src" },
  logLevel: "warning",
};
await build({
  ...common,
  entryPoints: { server: "src/server/main.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  splitting: true,
  // Beside server.mjs: the chunks find migrations/ and sfu.mjs relative to themselves.
  chunkNames: "[name]-[hash]",
});
// The embedded SFU runs as a child process; media/embedded.ts forks dist/sfu.mjs beside the server.
await build({ ...common, entryPoints: ["src/server/media/sfu/process.ts"], outfile: "dist/sfu.mjs" });
await cp("src/server/db/migrations", "dist/migrations", { recursive: true });
console.log("built dist/server.mjs and dist/sfu.mjs");
