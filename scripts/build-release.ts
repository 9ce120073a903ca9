/**
 * `npm run build:release`: the build to deploy. It needs the https address dist/ will be served from:
 *
 *   ADDIN_HOST=https://addin.example.com npm run build:release
 *   npm run build:release -- --host https://addin.example.com        (or --env host=https://…)
 *
 * Then: webpack --mode production --env release (the add-in only, no playground; webpack.config.js refuses a
 * missing or non-https host and any emitted file naming localhost), then every file in dist/ is scanned for
 * localhost once more, and dist/manifest.xml is checked as a production manifest (scripts/validate-manifest.ts).
 * Exit code 1 with the reason on any failure.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { main as validateManifest } from "./validate-manifest";

const ROOT = resolve(__dirname, "..");
const LOCAL_HOST = /localhost|127\.0\.0\.1/i;

/** The host from --host X, --host=X, --env host=X or ADDIN_HOST; undefined when none is given. */
export function hostFromArgs(
  args: readonly string[],
  environment: NodeJS.ProcessEnv = process.env,
): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--host" || arg === "--env") {
      const value = args[i + 1] ?? "";
      if (arg === "--host") return value;
      if (value.startsWith("host=")) return value.slice(5);
    } else if (arg.startsWith("--host=")) return arg.slice(7);
    else if (arg.startsWith("--env=host=")) return arg.slice(11);
  }
  const fromEnvironment = environment.ADDIN_HOST?.trim();
  return fromEnvironment ? fromEnvironment : undefined;
}

/** Every file under dir (relative paths) whose text names localhost or 127.0.0.1. */
export function filesNamingLocalhost(dir: string): string[] {
  const hits: string[] = [];
  const visit = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (LOCAL_HOST.test(readFileSync(path).toString("latin1"))) hits.push(relative(dir, path));
    }
  };
  visit(dir);
  return hits;
}

export function buildRelease(args: readonly string[], outputDir = join(ROOT, "dist")): number {
  const host = hostFromArgs(args);
  if (!host) {
    console.error(
      "npm run build:release needs the https address the add-in will be served from, e.g.\n" +
        "  ADDIN_HOST=https://addin.example.com npm run build:release\n" +
        "  npm run build:release -- --host https://addin.example.com",
    );
    return 1;
  }
  const webpack = join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
  const built = spawnSync(
    process.execPath,
    [webpack, "--mode", "production", "--env", "release", "--env", `host=${host}`, "--output-path", outputDir],
    {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, ADDIN_HOST: "" },
    },
  );
  if (built.status !== 0) {
    console.error("The release build failed; see the messages above.");
    return 1;
  }
  const local = filesNamingLocalhost(outputDir);
  if (local.length > 0) {
    console.error(`These built files name localhost, which no user's Excel can reach: ${local.join(", ")}.`);
    return 1;
  }
  if (validateManifest(["--production", join(outputDir, "manifest.xml")], ROOT, outputDir) !== 0) return 1;
  console.log(
    `\nRelease build for ${host} in ${relative(ROOT, outputDir) || "."}/: upload every file to that address (docs/deploy.md), then distribute ${relative(ROOT, join(outputDir, "manifest.xml"))}.`,
  );
  return 0;
}

if (require.main === module) {
  process.exitCode = buildRelease(process.argv.slice(2));
}
