/**
 * scripts/playground.js: the one rewrite it makes (Office.js → the stand-in, only on taskpane.html?office=standin),
 * and a static server that stays inside its folder. Uses a temporary folder, not dist/.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFFICE_JS_URL, createPlaygroundServer, listen, standinPaneHtml } from "../../scripts/playground.js";

const source = readFileSync(resolve(__dirname, "..", "..", "src", "taskpane", "taskpane.html"), "utf8");

function get(port: number, path: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => done({ status: res.statusCode ?? 0, body, type: String(res.headers["content-type"] ?? "") }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("standinPaneHtml", () => {
  it("changes only the Office.js script URL, quoted or minified, and keeps the Content-Security-Policy", () => {
    const out = standinPaneHtml(source);
    expect(out).toBe(source.replace(`src="${OFFICE_JS_URL}"`, 'src="playground/office.js"'));
    expect(out).toContain('http-equiv="Content-Security-Policy"');
    const minified = `<head><script src=${OFFICE_JS_URL}></script><script defer src=taskpane.js?1></script></head>`;
    expect(standinPaneHtml(minified)).toBe(
      "<head><script src=playground/office.js></script><script defer src=taskpane.js?1></script></head>",
    );
  });

  it("refuses a page that does not load Office.js exactly once", () => {
    expect(() => standinPaneHtml("<html></html>")).toThrow(/exactly once; found 0/);
    expect(() => standinPaneHtml(`${source}${source}`)).toThrow(/found 2/);
  });
});

describe("playground server", () => {
  const root = mkdtempSync(join(tmpdir(), "playground-"));
  writeFileSync(join(root, "taskpane.html"), source);
  writeFileSync(join(root, "a.js"), "console.log(1)");
  let port = 0;
  const servers = [createPlaygroundServer({ root }), createPlaygroundServer({ root, officeStandin: false })];
  let plainPort = 0;

  beforeAll(async () => {
    port = await listen(servers[0], 0);
    plainPort = await listen(servers[1], 0);
  });
  afterAll(() => servers.forEach((s) => s.close()));

  it("serves taskpane.html as built, and with the stand-in only when asked", async () => {
    expect((await get(port, "/taskpane.html")).body).toBe(source);
    expect((await get(port, "/taskpane.html?office=standin")).body).toBe(standinPaneHtml(source));
    expect((await get(plainPort, "/taskpane.html?office=standin")).body).toBe(source);
  });

  it("serves files with their type, ignores query strings, redirects / and stays inside its folder", async () => {
    const js = await get(port, "/a.js?abc123");
    expect(js.status).toBe(200);
    expect(js.type).toMatch(/^text\/javascript/);
    expect((await get(port, "/")).status).toBe(302);
    expect((await get(port, "/missing.js")).status).toBe(404);
    expect((await get(port, "/../../etc/passwd")).status).not.toBe(200);
    expect((await get(port, "/%2e%2e/%2e%2e/etc/passwd")).status).not.toBe(200);
    expect((await get(port, "/..%2f..%2fetc%2fpasswd")).status).toBe(403);
  });
});
