// `npm start`: builds once when no build exists, then runs the compiled server.
import { existsSync } from "node:fs";
import { spawnSync, spawn } from "node:child_process";

process.env.NEXT_TELEMETRY_DISABLED = "1";
if (!existsSync(".next/BUILD_ID") || !existsSync("dist/server.mjs")) {
  console.log("No build found: building Giga Chat once (about a minute)...");
  const built = spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: process.platform === "win32" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const child = spawn(process.execPath, ["--enable-source-maps", "dist/server.mjs", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { NODE_ENV: "production", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
