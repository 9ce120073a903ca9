#!/usr/bin/env node
/**
 * `npm run playground` (and `npm start` where Excel is not installed): builds dist/ (add-in + playground),
 * serves it on http://127.0.0.1 and opens the playground, the add-in's task pane beside an in-browser
 * workbook with the sample model inserted.
 *
 *   node scripts/playground.js [--no-build] [--no-open] [--port 3001]      (env PLAYGROUND_PORT, BROWSER=none)
 *
 * Plain http on the loopback address is enough: nothing here is loaded by Office, and browsers treat
 * http://127.0.0.1 as a secure context. The one thing the server does besides serving files: asked for
 * taskpane.html?office=standin, it answers the add-in's own page with one change, the Office.js script URL
 * pointing at the playground's stand-in (playground/office.js) instead of Microsoft's CDN, which a machine
 * without internet (or a page outside Excel) cannot use. The page's Content-Security-Policy is untouched.
 * Without the query, taskpane.html is served exactly as built. selftest.html (Diagnostics, which the pane's link
 * opens in the pane's place) is always served with the stand-in: it makes sense only in Excel or here.
 */
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const STANDIN_SCRIPT = "playground/office.js";
const DEFAULT_PORT = 3001;

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/** The task pane page with its Office.js script pointing at the stand-in; throws if the page changed shape. */
function standinPaneHtml(html) {
  // The src attribute of a <script> tag, quoted or not (the production build minifies the page).
  const escaped = OFFICE_JS_URL.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const pattern = new RegExp(`(<script\\b[^>]*\\ssrc=)(["']?)${escaped}\\2(?=[\\s>])`, "g");
  const count = (html.match(pattern) || []).length;
  if (count !== 1) throw new Error(`The page should load ${OFFICE_JS_URL} exactly once; found ${count}.`);
  return html.replace(pattern, `$1$2${STANDIN_SCRIPT}$2`);
}

/**
 * A static server for dist/. `officeStandin` (default true): taskpane.html?office=standin gets the stand-in
 * script (see above); false serves every file as built (the browser tests route the CDN URL themselves).
 */
function createPlaygroundServer({ root = DIST, officeStandin = true } = {}) {
  const base = path.resolve(root);
  return http.createServer((request, response) => {
    const url = new URL(request.url || "/", "http://127.0.0.1");
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    if (url.pathname === "/") {
      response.writeHead(302, { Location: "/playground.html" }).end();
      return;
    }
    let file;
    try {
      file = path.resolve(base, `.${decodeURIComponent(url.pathname)}`);
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (file !== base && !file.startsWith(base + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    fs.readFile(file, (error, data) => {
      if (error) {
        response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Not found: ${url.pathname}`);
        return;
      }
      let body = data;
      if (officeStandin && url.pathname === "/taskpane.html" && url.searchParams.get("office") === "standin") {
        body = Buffer.from(standinPaneHtml(data.toString("utf8")), "utf8");
      }
      // Diagnostics from the playground's pane runs the self-test against the playground's workbook.
      if (officeStandin && url.pathname === "/selftest.html")
        body = Buffer.from(standinPaneHtml(data.toString("utf8")), "utf8");
      response.writeHead(200, {
        "Content-Type": TYPES[path.extname(file)] || "application/octet-stream",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      response.end(request.method === "HEAD" ? undefined : body);
    });
  });
}

/** Listens on 127.0.0.1:port, or on a free port when that one is taken (port 0: any free port). */
function listen(server, port) {
  return new Promise((resolve, reject) => {
    const attempt = (p, fallback) => {
      const onError = (error) => {
        server.off("listening", onListening);
        if (error.code === "EADDRINUSE" && fallback) attempt(0, false);
        else reject(error);
      };
      const onListening = () => {
        server.off("error", onError);
        resolve(server.address().port);
      };
      server.once("error", onError);
      server.once("listening", onListening);
      server.listen(p, "127.0.0.1");
    };
    attempt(port, port !== 0);
  });
}

function build() {
  const cli = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  console.log("Building the add-in and the playground (webpack --mode production)…");
  const result = spawnSync(process.execPath, [cli, "--mode", "production"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("The build failed; see the messages above.");
}

/** Opens the URL in the default browser where there is one; never fails the command. */
function openBrowser(url) {
  if (process.env.BROWSER === "none" || process.env.CI) return false;
  const platform = process.platform;
  if (platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  const command =
    platform === "darwin"
      ? ["open", [url]]
      : platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  try {
    const child = spawn(command[0], command[1], { stdio: "ignore", detached: true });
    child.on("error", () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

function parseArgs(argv) {
  const options = { build: true, open: true, port: Number(process.env.PLAYGROUND_PORT) || DEFAULT_PORT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--no-build") options.build = false;
    else if (arg === "--no-open") options.open = false;
    else if (arg === "--port") options.port = Number(argv[++i]);
    else if (arg.startsWith("--port=")) options.port = Number(arg.slice(7));
    else
      throw new Error(`Unknown option ${arg}. Usage: node scripts/playground.js [--no-build] [--no-open] [--port N]`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
    throw new Error("--port takes a port number (0 for any free port).");
  return options;
}

async function main(argv = process.argv.slice(2)) {
  const options = parseArgs(argv);
  if (options.build) build();
  if (!fs.existsSync(path.join(DIST, "playground.html")))
    throw new Error("dist/playground.html is missing: run without --no-build.");
  const server = createPlaygroundServer();
  const port = await listen(server, options.port);
  const url = `http://127.0.0.1:${port}/playground.html`;
  console.log(`\nSourcing Modeler playground: ${url}`);
  console.log("The add-in's task pane beside an in-browser workbook, sample model inserted. Ctrl+C stops the server.");
  if (options.open && openBrowser(url)) console.log("Opening it in your browser…");
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections(); // a browser's keep-alive connections would hold the server open
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return server;
}

module.exports = { standinPaneHtml, createPlaygroundServer, listen, main, OFFICE_JS_URL, STANDIN_SCRIPT };

if (require.main === module) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
