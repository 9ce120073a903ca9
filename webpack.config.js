/**
 * Builds the add-in into dist/: one page (taskpane.html) that loads the task pane and the custom functions
 * (shared runtime), functions.json generated from the JSDoc of src/functions/functions.ts, the icons and the
 * manifest. `webpack --mode production` rewrites every https://localhost:3000 in the manifest to the production
 * host: `--env host=https://addin.example.com` or the ADDIN_HOST environment variable.
 *
 * A second configuration builds the playground (src/playground: dist/playground.html, dist/playground/*.js),
 * after the add-in, whenever webpack-cli runs this file (`npm run build:addin`, `npm run dev-server`). It is the only place HyperFormula (GPLv3/commercial) is bundled; the add-in's configuration
 * fails its build if HyperFormula or test code reaches its bundles. Deploying the add-in means deploying
 * dist/ without playground.html and dist/playground/.
 *
 * The add-in also ships selftest.html (Diagnostics: the self-test, src/selftest) and help.html (the manifest's
 * SupportUrl). `--env release` (npm run build:release, scripts/build-release.ts) is the build to deploy: it
 * fails unless the host is an https origin, leaves the playground out, and fails if any file it emits names
 * localhost.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { standinPaneHtml } = require("./scripts/playground.js");

const DEV_ORIGIN = "https://localhost:3000";
const DEV_PORT = 3000;

/** The production origin, without a trailing slash, or undefined to keep the development URLs. */
function productionHost(env) {
  const raw = (env && typeof env.host === "string" && env.host) || process.env.ADDIN_HOST || "";
  if (raw.trim() === "") return undefined;
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`The add-in host "${raw}" is not a URL; give one such as https://addin.example.com.`);
  }
  if (url.protocol !== "https:")
    throw new Error(`The add-in host must use https (Office loads add-ins only over https); got ${raw}.`);
  if (url.search || url.hash) throw new Error(`The add-in host must not have a query or fragment; got ${raw}.`);
  return url.href.replace(/\/+$/, "");
}

/**
 * Every occurrence of the development origin, replaced by the host; AppDomain entries get the host's origin
 * only (an app domain is an origin, never a path). Exported for tests.
 */
function rewriteManifest(xml, host) {
  if (!host) return xml;
  const origin = new URL(host).origin;
  return xml
    .split(`<AppDomain>${DEV_ORIGIN}</AppDomain>`)
    .join(`<AppDomain>${origin}</AppDomain>`)
    .split(DEV_ORIGIN)
    .join(host);
}

/** A pattern for files under a folder of this project (not any folder of that name on the way to it). */
function underProject(folder) {
  const escaped = path.join(__dirname, folder).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}[\\\\/]`);
}

/** Fails a production build that bundled a module it must not ship (HyperFormula is GPL/commercial, test-only). */
class ForbiddenModulesPlugin {
  constructor(patterns) {
    this.patterns = patterns;
  }
  apply(compiler) {
    compiler.hooks.afterCompile.tap("ForbiddenModulesPlugin", (compilation) => {
      for (const module of compilation.modules) {
        const resource = module.resource || "";
        const hit = this.patterns.find((pattern) => pattern.test(resource));
        if (hit) {
          compilation.errors.push(new Error(`${resource} must not be in a production bundle (matches ${hit}).`));
        }
      }
    });
  }
}

/** Fails the build when an emitted file names this machine (a deployed add-in would load from nowhere). */
class NoLocalhostPlugin {
  apply(compiler) {
    const { Compilation } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("NoLocalhostPlugin", (compilation) => {
      // The last stage: every file is there (bundles, pages, copies), and none is written yet.
      compilation.hooks.processAssets.tap(
        { name: "NoLocalhostPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          for (const [name, asset] of Object.entries(assets)) {
            const text = Buffer.from(asset.source()).toString("latin1");
            const at = text.search(/localhost|127\.0\.0\.1/i);
            if (at !== -1) {
              compilation.errors.push(
                new Error(
                  `dist/${name} names this machine (…${text.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, " ")}…): a release build must not.`,
                ),
              );
            }
          }
        },
      );
    });
  }
}

/** The release build's host: required, an https origin; the message says how to give it. */
function releaseHost(env) {
  const host = productionHost(env);
  if (!host) {
    throw new Error(
      "npm run build:release needs the https address the add-in will be served from: ADDIN_HOST=https://addin.example.com npm run build:release (or npm run build:release -- --host https://addin.example.com).",
    );
  }
  return host;
}

/** https options for the dev server: Office's trusted development certificates when they exist. */
async function httpsOptions() {
  if (process.platform === "win32" || process.platform === "darwin") {
    try {
      // Installs (and trusts) the certificates on first use, as the Office add-in templates do.
      return await require("office-addin-dev-certs").getHttpsServerOptions();
    } catch (error) {
      console.warn(`office-addin-dev-certs: ${error.message}; serving a self-signed certificate instead.`);
      return undefined;
    }
  }
  // Elsewhere installing needs sudo: use certificates that are already there, else webpack's self-signed one.
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
  if (!Object.values(files).every((file) => fs.existsSync(path.join(dir, file)))) return undefined;
  return Object.fromEntries(Object.entries(files).map(([name, file]) => [name, fs.readFileSync(path.join(dir, file))]));
}

async function httpsServer() {
  const options = await httpsOptions();
  return options ? { type: "https", options } : { type: "https" };
}

const tsRule = (production) => ({
  test: /\.ts$/,
  exclude: /node_modules/,
  loader: "ts-loader",
  options: {
    // Type checking is `npm run typecheck`; the build only transpiles, which keeps it fast.
    transpileOnly: true,
    // ES modules let webpack tree-shake and concatenate; tsconfig.json targets CommonJS for Node.
    compilerOptions: { module: "es2020", target: "es2020", noEmit: false, sourceMap: !production },
  },
});

/**
 * The dev server answers taskpane.html?office=standin (the playground's frame) with the stand-in Office.js,
 * as scripts/playground.js does; taskpane.html itself, the page Excel loads, is served as built.
 */
function standinPaneMiddleware(devServer) {
  return (request, response, next) => {
    const url = new URL(request.url, "http://localhost");
    if (url.pathname !== "/taskpane.html" || url.searchParams.get("office") !== "standin") return next();
    const compiler = devServer.compiler.compilers ? devServer.compiler.compilers[0] : devServer.compiler;
    compiler.outputFileSystem.readFile(path.join(compiler.outputPath, "taskpane.html"), (error, data) => {
      if (error) return next();
      response.setHeader("Content-Type", "text/html; charset=utf-8");
      response.end(standinPaneHtml(data.toString("utf8")));
    });
  };
}

/** The playground: its page and bundle (HyperFormula included), and the stand-in office.js the pane loads. */
function playgroundConfig(production) {
  return {
    name: "playground",
    // After the add-in: its output.clean empties dist/ first.
    dependencies: ["addin"],
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map",
    entry: {
      "playground/playground": "./src/playground/index.ts",
      "playground/office": "./src/playground/office-js.ts",
    },
    // Its chunks loaded on demand (the portfolio's solver) stay under dist/playground/ with the rest of the
    // playground, never beside the add-in's files in dist/.
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "playground/[id].js",
      publicPath: "auto",
      clean: false,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [tsRule(production)] },
    // HyperFormula alone is ~1 MB minified: the playground is a demo page, not the add-in's budget.
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "playground.html",
        template: "./src/playground/playground.html",
        chunks: ["playground/playground"],
        hash: production,
      }),
      new CopyWebpackPlugin({ patterns: [{ from: "src/playground/playground.css", to: "playground/playground.css" }] }),
    ],
  };
}

module.exports = async (env = {}, argv = {}) => {
  const release = Boolean(env.release);
  const production = argv.mode === "production" || release;
  const host = release ? releaseHost(env) : production ? productionHost(env) : undefined;
  if (production && !host) {
    console.warn(`No ADDIN_HOST (or --env host=…): dist/manifest.xml keeps the development URLs (${DEV_ORIGIN}).`);
  }
  const serving = Boolean(env.WEBPACK_SERVE);

  const addin = {
    name: "addin",
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.ts",
      functions: "./src/functions/functions.ts",
      selftest: "./src/selftest/index.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // Stable names: the manifest names functions.js; the page's script tags carry a content hash (below).
      filename: "[name].js",
      chunkFilename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [tsRule(production)] },
    optimization: {
      // One webpack runtime for both entries, so they share module instances (and the functions' model cache).
      runtimeChunk: "single",
      // One copy of the model and zod, shared by the task pane and the functions.
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          vendors: { test: /[\\/]node_modules[\\/]/, name: "vendors", priority: 10, reuseExistingChunk: true },
          // The portfolio's solver (yalps, and heap, which only it uses) is imported on demand (loadSolver in
          // src/model/portfolio-solver.ts): its own chunk, loaded when a portfolio first runs, not in vendors.js.
          solver: {
            test: /[\\/]node_modules[\\/](yalps|heap)[\\/]/,
            name: "portfolio-solver",
            chunks: "async",
            priority: 20,
            enforce: true,
          },
          model: {
            test: /[\\/]src[\\/](model|layout)[\\/]/,
            name: "model",
            minSize: 0,
            priority: 5,
            reuseExistingChunk: true,
          },
        },
      },
    },
    performance: { hints: production ? "warning" : false, maxEntrypointSize: 300 * 1024, maxAssetSize: 300 * 1024 },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the one page loads the functions and the task pane.
        chunks: ["functions", "taskpane"],
        hash: production,
      }),
      new HtmlWebpackPlugin({
        filename: "selftest.html",
        template: "./src/selftest/selftest.html",
        chunks: ["selftest"],
        hash: production,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          // The charts' stylesheet, loaded by the task pane and by the playground's page.
          { from: "src/taskpane/shared.css", to: "shared.css" },
          { from: "src/selftest/selftest.css", to: "selftest.css" },
          { from: "src/help/help.html", to: "help.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => rewriteManifest(content.toString("utf8"), host),
          },
        ],
      }),
      ...(production
        ? [new ForbiddenModulesPlugin([/[\\/]node_modules[\\/]hyperformula[\\/]/, underProject("test")])]
        : []),
      ...(release ? [new NoLocalhostPlugin()] : []),
    ],
    devServer: serving
      ? {
          port: DEV_PORT,
          headers: { "Access-Control-Allow-Origin": "*" },
          server: await httpsServer(),
          client: { overlay: { warnings: false } },
          setupMiddlewares: (middlewares, devServer) => {
            middlewares.unshift({ name: "playground-office-standin", middleware: standinPaneMiddleware(devServer) });
            return middlewares;
          },
        }
      : undefined,
  };
  // The add-in, then the playground (a separate host; HyperFormula is allowed only there). A release is the add-in only.
  return release ? [addin] : [addin, playgroundConfig(production)];
};

module.exports.rewriteManifest = rewriteManifest;
module.exports.productionHost = productionHost;
module.exports.releaseHost = releaseHost;
module.exports.DEV_ORIGIN = DEV_ORIGIN;
// The TypeScript rule, for builds outside this file that must compile as the add-in does (test/analysis/worker-bundle.ts).
module.exports.tsRule = tsRule;
