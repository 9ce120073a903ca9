/**
 * `npm run playground`: the pane's Diagnostics link opens selftest.html in the pane's place, so the playground's
 * server gives that page the stand-in (as it gives taskpane.html?office=standin); served plain, it is as built.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFFICE_JS_URL, STANDIN_SCRIPT, createPlaygroundServer, listen } from "../../scripts/playground.js";

const page = `<!doctype html><html><head><script src="${OFFICE_JS_URL}"></script><script defer src="selftest.js"></script></head><body></body></html>`;

const fetchText = (port: number, path: string) =>
  new Promise<string>((resolve, reject) => {
    httpGet({ host: "127.0.0.1", port, path }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve(body));
    }).on("error", reject);
  });

describe("the playground server and the Diagnostics page", () => {
  const root = mkdtempSync(join(tmpdir(), "playground-selftest-"));
  writeFileSync(join(root, "selftest.html"), page);
  const servers = [createPlaygroundServer({ root }), createPlaygroundServer({ root, officeStandin: false })];
  const ports: number[] = [];

  beforeAll(async () => {
    for (const server of servers) ports.push(await listen(server, 0));
  });
  afterAll(() => {
    servers.forEach((s) => s.close());
    rmSync(root, { recursive: true, force: true });
  });

  it("serves selftest.html with the stand-in's office.js in the playground, and as built otherwise", async () => {
    const playground = await fetchText(ports[0], "/selftest.html?from=pane");
    expect(playground).toContain(`<script src="${STANDIN_SCRIPT}">`);
    expect(playground).not.toContain(OFFICE_JS_URL);
    expect(await fetchText(ports[1], "/selftest.html?from=pane")).toBe(page);
  });
});
