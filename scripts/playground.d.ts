/** Types of scripts/playground.js, for the tests that serve dist/ with it. */
import type { Server } from "node:http";

export const OFFICE_JS_URL: string;
export const STANDIN_SCRIPT: string;
/** The task pane page with its Office.js script pointing at the playground's stand-in. */
export function standinPaneHtml(html: string): string;
/** A static server for dist/; officeStandin (default true) answers taskpane.html?office=standin with the stand-in script. */
export function createPlaygroundServer(options?: { root?: string; officeStandin?: boolean }): Server;
/** Listens on 127.0.0.1 (port 0: any free port); resolves with the port. */
export function listen(server: Server, port: number): Promise<number>;
export function main(argv?: string[]): Promise<Server>;
