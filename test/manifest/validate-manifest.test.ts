/**
 * The offline manifest check (npm run validate): the real manifest passes, against the built dist/ too, and each
 * broken variant fails with its own message.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- webpack.config.js and webpack are CommonJS: loaded as webpack-cli loads them */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildRelease, filesNamingLocalhost, hostFromArgs } from "../../scripts/build-release";
import { main, pngSize, validateManifest } from "../../scripts/validate-manifest";

const root = resolve(__dirname, "..", "..");
const dist = join(root, "dist");
const manifest = readFileSync(join(root, "manifest.xml"), "utf8");

interface WebpackConfigModule {
  rewriteManifest(xml: string, host: string | undefined): string;
  productionHost(env: { host?: string }): string | undefined;
  DEV_ORIGIN: string;
}
const webpackConfig = require(join(root, "webpack.config.js")) as WebpackConfigModule;

/** Replaces exactly one occurrence, so a variant never silently equals the original. */
function variant(search: string | RegExp, replacement: string): string {
  const matches = manifest.match(
    typeof search === "string"
      ? new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g")
      : new RegExp(search.source, "g"),
  );
  if (!matches || matches.length !== 1)
    throw new Error(`variant: ${String(search)} matches ${matches?.length ?? 0} times`);
  return manifest.replace(search, replacement);
}

describe("validateManifest", () => {
  it("passes the real manifest, with its URLs checked against the build", () => {
    expect(existsSync(join(dist, "taskpane.html")), "run `npm run build:addin` first (npm test does)").toBe(true);
    expect(validateManifest(manifest, { distDir: dist })).toEqual([]);
    expect(validateManifest(readFileSync(join(dist, "manifest.xml"), "utf8"), { distDir: dist })).toEqual([]);
  });

  const broken: [string, string, RegExp][] = [
    [
      "an unclosed element",
      variant("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadWriteDocument"),
      /^Not well-formed XML: /,
    ],
    [
      "an unbound namespace prefix",
      variant('<bt:Image id="Icon.16x16"', '<bx:Image id="Icon.16x16"'),
      /^Not well-formed XML: .*prefix/i,
    ],
    [
      "a duplicated attribute",
      variant(
        '<Runtime resid="Shared.Url" lifetime="long"/>',
        '<Runtime resid="Shared.Url" resid="Shared.Url" lifetime="long"/>',
      ),
      /^Not well-formed XML: /,
    ],
    [
      "an undefined resid",
      variant('<Label resid="Group.Label"/>', '<Label resid="Group.Title"/>'),
      /resid "Group.Title" is not defined in Resources \(bt:ShortStrings\)/,
    ],
    [
      "a resid of the wrong kind",
      variant('<Title resid="GetStarted.Title"/>', '<Title resid="GetStarted.Description"/>'),
      /resid "GetStarted.Description" names a bt:LongStrings entry; Title needs one of bt:ShortStrings/,
    ],
    ["a short-lived runtime", variant('lifetime="long"', 'lifetime="short"'), /must have lifetime="long"/],
    ["no runtime", variant('<Runtime resid="Shared.Url" lifetime="long"/>', ""), /exactly one Runtime .*found 0/],
    [
      "a function file on another page",
      variant('<FunctionFile resid="Shared.Url"/>', '<FunctionFile resid="Functions.Script.Url"/>'),
      /FunctionFile must use the shared runtime's page "Shared.Url"; got "Functions.Script.Url"/,
    ],
    [
      "a custom-functions page elsewhere",
      variant(
        /<Page>\s*<SourceLocation resid="Shared.Url"\/>/,
        '<Page><SourceLocation resid="GetStarted.LearnMoreUrl"/>',
      ),
      /the custom functions' Page\/SourceLocation must use the shared runtime's page/,
    ],
    [
      "the task pane on another page",
      variant(
        /<TaskpaneId>Sourcing.Pane<\/TaskpaneId>\s*<SourceLocation resid="Shared.Url"\/>/,
        '<TaskpaneId>Sourcing.Pane</TaskpaneId><SourceLocation resid="GetStarted.LearnMoreUrl"/>',
      ),
      /needs a button .* whose SourceLocation is the shared runtime's page "Shared.Url"/,
    ],
    [
      "the shared pane without a TaskpaneId",
      variant("<TaskpaneId>Sourcing.Pane</TaskpaneId>", ""),
      /a ShowTaskpane action on the shared runtime's page needs a <TaskpaneId>: Microsoft counts a pane without one as a different task pane/,
    ],
    [
      "Diagnostics reusing the main pane's TaskpaneId",
      variant("<TaskpaneId>Sourcing.Diagnostics</TaskpaneId>", "<TaskpaneId>Sourcing.Pane</TaskpaneId>"),
      /must use the shared runtime's page "Shared.Url" when it reuses the shared pane's TaskpaneId "Sourcing.Pane"; got "Diagnostics.Url"/,
    ],
    [
      "Diagnostics without a TaskpaneId",
      variant("<TaskpaneId>Sourcing.Diagnostics</TaskpaneId>", ""),
      /the ShowTaskpane action for "Diagnostics.Url" needs a <TaskpaneId> of its own/,
    ],
    [
      "another namespace",
      variant('DefaultValue="SOURCING"', 'DefaultValue="SOURCE"'),
      /namespace must be SOURCING .*got "SOURCE"/,
    ],
    [
      "a broader permission",
      variant("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadWriteMailbox</Permissions>"),
      /Permissions must be ReadWriteDocument/,
    ],
    [
      "a URL to a file the build does not make",
      variant("https://localhost:3000/functions.json", "https://localhost:3000/function.json"),
      /\/function\.json, which the build did not produce in dist\//,
    ],
    [
      "an icon of the wrong size",
      variant(
        'id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-16.png"',
        'id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-32.png"',
      ),
      /icon-32\.png is 32×32 px but is used as a 16×16 icon/,
    ],
    [
      "plain http",
      variant(
        '<bt:Url id="Functions.Script.Url" DefaultValue="https://localhost:3000/functions.js"/>',
        '<bt:Url id="Functions.Script.Url" DefaultValue="http://localhost:3000/functions.js"/>',
      ),
      /functions\.js must use https/,
    ],
    [
      "a half-rewritten host",
      variant(
        '<bt:Url id="Functions.Metadata.Url" DefaultValue="https://localhost:3000/functions.json"/>',
        '<bt:Url id="Functions.Metadata.Url" DefaultValue="https://addin.example.com/functions.json"/>',
      ),
      /URLs mix origins/,
    ],
    [
      "a resource defined twice",
      variant(
        '<bt:String id="Group.Label" DefaultValue="Sourcing"/>',
        '<bt:String id="Group.Label" DefaultValue="Sourcing"/><bt:String id="Group.Label" DefaultValue="Again"/>',
      ),
      /resource id "Group.Label" is defined twice/,
    ],
    [
      "a short string that is too long",
      variant('DefaultValue="Sourcing Modeler is ready"', `DefaultValue="${"x".repeat(126)}"`),
      /is 126 characters; bt:ShortStrings allow 125/,
    ],
    [
      "elements out of schema order",
      variant("<DefaultLocale>en-US</DefaultLocale>", "")
        .replace("<ProviderName>", "<DefaultLocale>en-US</DefaultLocale><ProviderName>")
        .replace("<Id>", "<Version>0.1.0.0</Version><Id>")
        .replace(/<\/Id>\s*<Version>0\.1\.0\.0<\/Version>/, "</Id>"),
      /OfficeApp\/Id is out of order/,
    ],
    [
      "an app domain with a path",
      variant("<AppDomain>https://localhost:3000</AppDomain>", "<AppDomain>https://localhost:3000/app</AppDomain>"),
      /must be an origin \(https:\/\/host\[:port\]\), without a path/,
    ],
    [
      "no shared runtime requirement",
      variant('<Set Name="SharedRuntime" MinVersion="1.1"/>', '<Set Name="ExcelApi" MinVersion="1.1"/>'),
      /must require the SharedRuntime set/,
    ],
    [
      "a different default page",
      variant(
        '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
        '<SourceLocation DefaultValue="https://localhost:3000/assets/icon-80.png"/>',
      ),
      /DefaultSettings\/SourceLocation .* and the shared runtime's page .* must be the same page/,
    ],
  ];

  it.each(broken)("fails %s with a specific message", (_name, xml, message) => {
    const problems = validateManifest(xml, { distDir: dist });
    expect(problems.length).toBeGreaterThan(0);
    expect(
      problems.some((p) => message.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });

  it("checks URLs against a production origin when asked", () => {
    const rewritten = webpackConfig.rewriteManifest(manifest, "https://addin.example.com");
    expect(validateManifest(rewritten, { expectedOrigin: "https://addin.example.com" })).toEqual([]);
    expect(validateManifest(manifest, { expectedOrigin: "https://addin.example.com" })[0]).toMatch(
      /is not on https:\/\/addin\.example\.com/,
    );
  });

  it("reads PNG sizes and rejects non-PNG bytes", () => {
    expect(pngSize(readFileSync(join(root, "assets", "icon-80.png")))).toEqual({ width: 80, height: 80 });
    expect(pngSize(Buffer.from("not an image at all, just text"))).toBeUndefined();
  });
});

describe("npm run validate (main)", () => {
  const scratch = mkdtempSync(join(tmpdir(), "manifest-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("exits 0 on the real manifest and 1 on a broken one", () => {
    const bad = join(scratch, "bad.xml");
    writeFileSync(bad, manifest.replace('lifetime="long"', 'lifetime="short"'));
    const errors: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = () => undefined;
    console.error = (...args: unknown[]) => void errors.push(args.join(" "));
    try {
      expect(main([join(root, "manifest.xml")], root)).toBe(0);
      expect(main([bad], root)).toBe(1);
      expect(main([join(scratch, "missing.xml")], root)).toBe(1);
    } finally {
      console.log = log;
      console.error = error;
    }
    expect(errors.join("\n")).toMatch(/lifetime="long"/);
  });
});

describe("production manifest", () => {
  it("rewrites every occurrence of the development origin", () => {
    const rewritten = webpackConfig.rewriteManifest(manifest, "https://addin.example.com/sourcing");
    expect(rewritten).not.toContain("localhost");
    expect(rewritten.split("https://addin.example.com/sourcing/").length - 1).toBe(
      manifest.split(`${webpackConfig.DEV_ORIGIN}/`).length - 1,
    );
    expect(rewritten).toContain("<AppDomain>https://addin.example.com</AppDomain>");
    expect(validateManifest(rewritten)).toEqual([]);
    expect(webpackConfig.rewriteManifest(manifest, undefined)).toBe(manifest);
  });

  it("takes the host from --env host or ADDIN_HOST, https only", () => {
    const saved = process.env.ADDIN_HOST;
    try {
      delete process.env.ADDIN_HOST;
      expect(webpackConfig.productionHost({})).toBeUndefined();
      expect(webpackConfig.productionHost({ host: "https://addin.example.com/" })).toBe("https://addin.example.com");
      process.env.ADDIN_HOST = "https://cdn.example.com/sourcing/";
      expect(webpackConfig.productionHost({})).toBe("https://cdn.example.com/sourcing");
      expect(() => webpackConfig.productionHost({ host: "http://addin.example.com" })).toThrow(/must use https/);
      expect(() => webpackConfig.productionHost({ host: "addin" })).toThrow(/is not a URL/);
    } finally {
      if (saved === undefined) delete process.env.ADDIN_HOST;
      else process.env.ADDIN_HOST = saved;
    }
  });

  it("checks a production manifest: no localhost anywhere, SupportUrl a help page of its own", () => {
    const problems = validateManifest(manifest, { distDir: dist, production: true });
    expect(
      problems.some((p) =>
        /must not name this machine: line \d+ has ".*localhost.*"\. Build it with npm run build:release/.test(p),
      ),
      problems.join("\n"),
    ).toBe(true);
    const onPane = webpackConfig
      .rewriteManifest(manifest, "https://addin.example.com")
      .replace(
        '<SupportUrl DefaultValue="https://addin.example.com/help.html"/>',
        '<SupportUrl DefaultValue="https://addin.example.com/taskpane.html"/>',
      );
    expect(validateManifest(onPane, { distDir: dist, production: true })).toEqual([
      expect.stringMatching(
        /SupportUrl \(https:\/\/addin\.example\.com\/taskpane\.html\) is the task pane page; it must be a help page of its own/,
      ),
    ]);
    expect(
      validateManifest(webpackConfig.rewriteManifest(manifest, "https://addin.example.com"), {
        distDir: dist,
        production: true,
      }),
    ).toEqual([]);
  });
});

describe("npm run build:release", () => {
  /** Runs buildRelease with the messages captured and ADDIN_HOST as given. */
  function release(args: string[], addinHost: string | undefined, out: string): { status: number; errors: string } {
    const saved = { host: process.env.ADDIN_HOST, error: console.error, log: console.log };
    const errors: string[] = [];
    if (addinHost === undefined) delete process.env.ADDIN_HOST;
    else process.env.ADDIN_HOST = addinHost;
    console.error = (...parts: unknown[]) => void errors.push(parts.join(" "));
    console.log = () => undefined;
    try {
      return { status: buildRelease(args, out), errors: errors.join("\n") };
    } finally {
      console.error = saved.error;
      console.log = saved.log;
      if (saved.host === undefined) delete process.env.ADDIN_HOST;
      else process.env.ADDIN_HOST = saved.host;
    }
  }

  it("takes the host from --host, --env host= or ADDIN_HOST", () => {
    expect(hostFromArgs(["--host", "https://a.example.com"], {})).toBe("https://a.example.com");
    expect(hostFromArgs(["--host=https://b.example.com"], {})).toBe("https://b.example.com");
    expect(hostFromArgs(["--env", "host=https://c.example.com"], {})).toBe("https://c.example.com");
    expect(hostFromArgs([], { ADDIN_HOST: " https://d.example.com " })).toBe("https://d.example.com");
    expect(hostFromArgs([], { ADDIN_HOST: "" })).toBeUndefined();
  });

  it("fails with a clear message without a host, and with a host that is not https", () => {
    const out = mkdtempSync(join(tmpdir(), "release-none-"));
    try {
      const none = release([], undefined, out);
      expect(none.status).toBe(1);
      expect(none.errors).toMatch(
        /needs the https address the add-in will be served from.*\n.*ADDIN_HOST=https:\/\/addin\.example\.com npm run build:release/,
      );
      const plain = spawnSync(
        process.execPath,
        [
          join(root, "node_modules", "webpack", "bin", "webpack.js"),
          "--mode",
          "production",
          "--env",
          "release",
          "--env",
          "host=http://addin.example.com",
          "--output-path",
          out,
        ],
        { cwd: root, encoding: "utf8", env: { ...process.env, ADDIN_HOST: "" } },
      );
      expect(plain.status).not.toBe(0);
      expect(plain.stdout + plain.stderr).toMatch(/must use https/);
      expect(existsSync(join(out, "manifest.xml"))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it("with a host, builds the add-in without the playground, names no localhost in any file, and passes the production check", () => {
    const out = mkdtempSync(join(tmpdir(), "release-"));
    try {
      const built = release(["--host", "https://addin.example.com/sourcing"], undefined, out);
      expect(built.status, built.errors).toBe(0);
      expect(filesNamingLocalhost(out)).toEqual([]);
      for (const file of ["manifest.xml", "taskpane.html", "selftest.html", "help.html", "functions.json"])
        expect(existsSync(join(out, file)), file).toBe(true);
      expect(existsSync(join(out, "playground.html"))).toBe(false);
      expect(existsSync(join(out, "playground"))).toBe(false);
      const xml = readFileSync(join(out, "manifest.xml"), "utf8");
      expect(xml).toContain('<SupportUrl DefaultValue="https://addin.example.com/sourcing/help.html"/>');
      expect(
        validateManifest(xml, { distDir: out, expectedOrigin: "https://addin.example.com", production: true }),
      ).toEqual([]);
      // Production pages keep loading Office.js from Microsoft's CDN.
      expect(readFileSync(join(out, "taskpane.html"), "utf8")).toContain(
        "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
      );
      // The same check from the command line, on this build.
      const errors: string[] = [];
      const log = console.log;
      const error = console.error;
      console.log = () => undefined;
      console.error = (...parts: unknown[]) => void errors.push(parts.join(" "));
      try {
        expect(main(["--production", join(out, "manifest.xml")], root, out), errors.join("\n")).toBe(0);
        expect(main(["--production", join(root, "manifest.xml")], root, out)).toBe(1);
      } finally {
        console.log = log;
        console.error = error;
      }
      expect(errors.join("\n")).toMatch(/checked as a production manifest/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("release build guard", () => {
  it("fails a release build whose files name localhost", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "localhost-"));
    try {
      const entry = join(scratch, "entry.js");
      writeFileSync(entry, 'fetch("https://localhost:3000/data.json");\n');
      const makeConfig = require(join(root, "webpack.config.js")) as (
        env: object,
        argv: object,
      ) => Promise<Record<string, unknown>[]>;
      const configs = await makeConfig({ release: true, host: "https://addin.example.com" }, { mode: "production" });
      expect(configs.map((c) => c.name)).toEqual(["addin"]);
      const webpack = require("webpack") as (
        options: object,
        callback: (error: Error | null, stats?: { hasErrors(): boolean; toString(o: object): string }) => void,
      ) => void;
      const stats = await new Promise<{ hasErrors(): boolean; toString(o: object): string }>((done, fail) =>
        webpack(
          {
            ...configs[0],
            context: root,
            entry: { probe: entry },
            output: { path: join(scratch, "out") },
            plugins: (configs[0].plugins as { constructor: { name: string } }[]).filter(
              (p) => p.constructor.name === "NoLocalhostPlugin",
            ),
            optimization: { minimize: false },
          },
          (error, result) => (error || !result ? fail(error) : done(result)),
        ),
      );
      expect(stats.hasErrors()).toBe(true);
      expect(stats.toString({ all: false, errors: true })).toMatch(
        /dist\/probe\.js names this machine .*localhost:3000.*a release build must not/,
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("production build guard", () => {
  it("fails a production build that would bundle HyperFormula", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "forbidden-"));
    try {
      const entry = join(scratch, "entry.js");
      writeFileSync(entry, 'import { HyperFormula } from "hyperformula";\nconsole.log(HyperFormula.version);\n');
      const makeConfig = require(join(root, "webpack.config.js")) as (
        env: object,
        argv: object,
      ) => Promise<Record<string, unknown>[]>;
      const config = (await makeConfig({}, { mode: "production" })).find((c) => c.name === "addin") as Record<
        string,
        unknown
      >;
      const webpack = require("webpack") as (
        options: object,
        callback: (error: Error | null, stats?: { hasErrors(): boolean; toString(o: object): string }) => void,
      ) => void;
      const stats = await new Promise<{ hasErrors(): boolean; toString(o: object): string }>((done, fail) =>
        webpack(
          {
            ...config,
            context: root,
            entry: { taskpane: entry },
            output: { path: join(scratch, "out") },
            resolve: { modules: [join(root, "node_modules")] },
            plugins: (config.plugins as { constructor: { name: string } }[]).filter(
              (p) => p.constructor.name === "ForbiddenModulesPlugin",
            ),
            optimization: { minimize: false },
          },
          (error, result) => (error || !result ? fail(error) : done(result)),
        ),
      );
      expect(stats.hasErrors()).toBe(true);
      expect(stats.toString({ all: false, errors: true })).toMatch(/hyperformula.* must not be in a production bundle/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});
