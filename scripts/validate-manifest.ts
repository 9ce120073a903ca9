/**
 * `npm run validate`: the project's offline check of the add-in manifest. Microsoft's validator
 * (`npm run validate:online`) needs the internet and no offline schema exists, so this checks what breaks a
 * shared-runtime add-in in practice:
 *  - well-formed XML (a conformant parser, saxes, with namespaces);
 *  - the root, the top-level elements Office requires, in schema order; ReadWriteDocument;
 *  - every resid defined, of the right kind (image, URL, short or long string), ids unique and ≤ 32 characters,
 *    short strings ≤ 125 and long strings ≤ 250 characters;
 *  - the shared runtime: one Runtime with lifetime="long", and the FunctionFile, the custom functions' Page and
 *    the task pane on that same page, which is also the default task pane page; the SharedRuntime requirement set;
 *  - task panes: Microsoft's shared-runtime guidance (configure-your-add-in-to-use-a-shared-runtime, "Multiple
 *    task panes") supports one pane in the shared runtime and counts a pane without a <TaskpaneId> as a different
 *    pane; so every ShowTaskpane action on the shared page carries one and the same TaskpaneId, and an action on
 *    another page (Diagnostics, its own runtime) carries a TaskpaneId of its own;
 *  - the custom functions: Script, Page, Metadata and the namespace SOURCING;
 *  - URLs: https, one origin, and (when dist/ exists) every one naming a built file, icons of the declared size;
 *  - a production manifest (--production, or any dist/manifest.xml built for a host other than the development
 *    one): no localhost anywhere, SupportUrl on a help page of its own (not the task pane), every URL a built file.
 *
 * Usage: tsx scripts/validate-manifest.ts [--production] [manifest.xml …]; with no file, manifest.xml and
 * dist/manifest.xml (if built; checked as production unless it is a development build). Exit code 1 on a problem.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SaxesParser } from "saxes";

export const EXPECTED_NAMESPACE = "SOURCING";
export const EXPECTED_PERMISSION = "ReadWriteDocument";

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  overrides: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  basic: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
} as const;

/** Top-level elements of a task pane OfficeApp, in the order the schema requires (required ones marked). */
const TOP_LEVEL_ORDER: readonly { name: string; required: boolean }[] = [
  { name: "Id", required: true },
  { name: "AlternateId", required: false },
  { name: "Version", required: true },
  { name: "ProviderName", required: true },
  { name: "DefaultLocale", required: true },
  { name: "DisplayName", required: true },
  { name: "Description", required: true },
  { name: "IconUrl", required: true },
  { name: "HighResolutionIconUrl", required: false },
  { name: "SupportUrl", required: false },
  { name: "AppDomains", required: false },
  { name: "Hosts", required: true },
  { name: "Requirements", required: false },
  { name: "DefaultSettings", required: true },
  { name: "Permissions", required: true },
  { name: "AllowSnapshot", required: false },
  { name: "VersionOverrides", required: false },
];

type ResourceKind = "image" | "url" | "short" | "long";
const RESOURCE_GROUPS: Record<string, ResourceKind> = {
  Images: "image",
  Urls: "url",
  ShortStrings: "short",
  LongStrings: "long",
};
const KIND_NAME: Record<ResourceKind, string> = {
  image: "bt:Images",
  url: "bt:Urls",
  short: "bt:ShortStrings",
  long: "bt:LongStrings",
};
/** Which resource kind a resid on this element must name. */
const RESID_KIND: Record<string, ResourceKind> = {
  Image: "image",
  SourceLocation: "url",
  FunctionFile: "url",
  Runtime: "url",
  LearnMoreUrl: "url",
  Label: "short",
  Title: "short",
  Namespace: "short",
  Description: "long",
};
const MAX_LENGTH: Partial<Record<ResourceKind, number>> = { short: 125, long: 250 };

export interface XmlElement {
  name: string; // local name
  uri: string; // namespace URI
  attributes: Map<string, string>; // by local name (xsi:type is "xsi:type")
  children: XmlElement[];
  text: string;
  line: number;
  parent?: XmlElement;
}

// ---- Parsing ------------------------------------------------------------------------------------------------

/** Parses XML into an element tree, or returns the first well-formedness error with its line. */
export function parseXml(xml: string): { root: XmlElement } | { error: string } {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let root: XmlElement | undefined;
  const stack: XmlElement[] = [];
  let error: string | undefined;

  parser.on("error", (e) => {
    error ??= e.message;
  });
  parser.on("opentag", (tag) => {
    const attributes = new Map<string, string>();
    for (const attribute of Object.values(tag.attributes)) {
      const key =
        attribute.uri === NS.xsi
          ? `xsi:${attribute.local}`
          : attribute.uri === ""
            ? attribute.local
            : `${attribute.uri}#${attribute.local}`;
      attributes.set(key, attribute.value);
    }
    const element: XmlElement = {
      name: tag.local,
      uri: tag.uri,
      attributes,
      children: [],
      text: "",
      line: parser.line,
      parent: stack[stack.length - 1],
    };
    if (element.parent) element.parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on("text", (text) => {
    if (stack.length > 0) stack[stack.length - 1].text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    error ??= e instanceof Error ? e.message : String(e);
  }
  if (error !== undefined) return { error };
  if (!root) return { error: "the document has no root element" };
  return { root };
}

const walk = (element: XmlElement, visit: (e: XmlElement) => void): void => {
  visit(element);
  element.children.forEach((child) => walk(child, visit));
};
const all = (root: XmlElement, predicate: (e: XmlElement) => boolean): XmlElement[] => {
  const out: XmlElement[] = [];
  walk(root, (e) => predicate(e) && out.push(e));
  return out;
};
const child = (element: XmlElement | undefined, name: string): XmlElement | undefined =>
  element?.children.find((c) => c.name === name);
const path = (element: XmlElement | undefined, ...names: string[]): XmlElement | undefined =>
  names.reduce<XmlElement | undefined>((at, name) => child(at, name), element);
const where = (element: XmlElement): string => {
  const names: string[] = [];
  for (let at: XmlElement | undefined = element; at; at = at.parent) names.unshift(at.name);
  return `${names.join("/")} (line ${element.line})`;
};

// ---- Checks -------------------------------------------------------------------------------------------------

export interface ValidateOptions {
  /** dist/ directory: when given and present, every manifest URL must name a file in it. */
  distDir?: string;
  /** When given, every URL must start with this origin (e.g. the production host). */
  expectedOrigin?: string;
  /** A manifest to deploy: no localhost anywhere, a help page for SupportUrl, and every URL a file in distDir. */
  production?: boolean;
}

/** Hosts that only ever mean "this machine": a deployed manifest naming one works for nobody else. */
const LOCAL_HOST = /localhost|127\.0\.0\.1|\[::1\]/i;

interface ManifestUrl {
  url: string;
  where: string;
  /** Declared icon size, for bt:Image resources used with size="…". */
  sizes: Set<number>;
}

/**
 * Every problem found in the manifest text, as messages naming the element and line; empty when it passes.
 * Pure apart from reading files in options.distDir.
 */
export function validateManifest(xml: string, options: ValidateOptions = {}): string[] {
  const parsed = parseXml(xml);
  if ("error" in parsed) return [`Not well-formed XML: ${parsed.error}`];
  const { root } = parsed;
  // Nothing else can be checked against a document that is not a task pane manifest.
  if (root.name !== "OfficeApp" || root.uri !== NS.app) {
    return [`The root element must be OfficeApp in ${NS.app}; got ${root.name} in ${root.uri || "no namespace"}.`];
  }
  const problems: string[] = [];
  checkTopLevelElements(root, problems);
  checkIdentity(root, problems);
  checkRequirementSets(root, problems);
  const defaultPage = defaultTaskPanePage(root, problems);

  const overrides = child(root, "VersionOverrides");
  if (!overrides) {
    problems.push(
      "OfficeApp/VersionOverrides is required: it declares the shared runtime, the custom functions and the ribbon button.",
    );
    return problems;
  }
  checkVersionOverridesType(overrides, problems);
  const resources = readResources(overrides, problems);
  const usedResids = checkResids(overrides, resources, problems);

  const host = all(overrides, (e) => e.name === "Host" && e.attributes.get("xsi:type") === "Workbook")[0];
  if (!host) {
    problems.push('VersionOverrides/Hosts needs a Host xsi:type="Workbook".');
    return problems;
  }
  const runtimeResid = checkSharedRuntime(host, problems);
  checkCustomFunctions(host, runtimeResid, resources, problems);
  checkTaskPanes(host, runtimeResid, problems);
  const runtimeUrl = runtimeResid ? resources.get(runtimeResid)?.value : undefined;
  checkDefaultPageIsRuntimePage(defaultPage, runtimeUrl, problems);
  checkUnusedResources(resources, usedResids, problems);

  const urls = manifestUrls(root, host, resources, defaultPage);
  const origins = checkUrls(urls, options.expectedOrigin, problems);
  checkAppDomains(root, problems);
  checkOneOrigin(origins, problems);
  if (options.production) checkProductionRules(xml, root, defaultPage, runtimeUrl, options.distDir, problems);
  if (options.distDir && existsSync(options.distDir)) checkBuiltFiles(urls, defaultPage, options.distDir, problems);
  return problems;
}

/** The root is a TaskPaneApp whose top-level elements are the schema's, in its order, the required ones present. */
function checkTopLevelElements(root: XmlElement, problems: string[]): void {
  if (root.attributes.get("xsi:type") !== "TaskPaneApp")
    problems.push(`OfficeApp must have xsi:type="TaskPaneApp"; got ${root.attributes.get("xsi:type") ?? "none"}.`);
  const topNames = root.children.map((c) => c.name);
  let lastIndex = -1;
  for (const name of topNames) {
    const index = TOP_LEVEL_ORDER.findIndex((t) => t.name === name);
    if (index === -1) problems.push(`OfficeApp/${name} is not an element of a task pane manifest.`);
    else if (index < lastIndex)
      problems.push(
        `OfficeApp/${name} is out of order: the schema wants ${TOP_LEVEL_ORDER.filter((t) => topNames.includes(t.name))
          .map((t) => t.name)
          .join(", ")}.`,
      );
    else lastIndex = index;
  }
  for (const { name } of TOP_LEVEL_ORDER.filter((t) => t.required)) {
    if (!topNames.includes(name)) problems.push(`OfficeApp/${name} is required.`);
  }
}

/** Id, Version, the display values, the Excel host and the permission. */
function checkIdentity(root: XmlElement, problems: string[]): void {
  const id = child(root, "Id")?.text.trim() ?? "";
  if (child(root, "Id") && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    problems.push(`OfficeApp/Id must be a GUID; got "${id}".`);
  const version = child(root, "Version")?.text.trim() ?? "";
  if (child(root, "Version") && !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version))
    problems.push(`OfficeApp/Version must be n.n.n.n; got "${version}".`);
  for (const name of ["DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    const element = child(root, name);
    if (element && !element.attributes.get("DefaultValue")) problems.push(`${where(element)} needs a DefaultValue.`);
  }
  const hosts = child(root, "Hosts")?.children.map((h) => h.attributes.get("Name")) ?? [];
  if (child(root, "Hosts") && !hosts.includes("Workbook"))
    problems.push(`OfficeApp/Hosts must list Host Name="Workbook" (Excel); got ${hosts.join(", ") || "none"}.`);
  const permissions = child(root, "Permissions")?.text.trim();
  if (permissions !== undefined && permissions !== EXPECTED_PERMISSION) {
    problems.push(
      `OfficeApp/Permissions must be ${EXPECTED_PERMISSION} (the smallest that lets the add-in write result sheets); got "${permissions}".`,
    );
  }
}

/** The manifest's own requirement sets (OfficeApp/Requirements) include SharedRuntime. */
function checkRequirementSets(root: XmlElement, problems: string[]): void {
  const sets = all(root, (e) => e.name === "Set" && e.parent?.name === "Sets" && e.parent.parent?.parent === root);
  if (!sets.some((s) => s.attributes.get("Name") === "SharedRuntime"))
    problems.push("OfficeApp/Requirements must require the SharedRuntime set (1.1).");
}

/** DefaultSettings/SourceLocation's URL: the task pane page. */
function defaultTaskPanePage(root: XmlElement, problems: string[]): string | undefined {
  const defaultPage = path(root, "DefaultSettings", "SourceLocation")?.attributes.get("DefaultValue");
  if (child(root, "DefaultSettings") && !defaultPage)
    problems.push("OfficeApp/DefaultSettings/SourceLocation needs a DefaultValue (the task pane page).");
  return defaultPage;
}

function checkVersionOverridesType(overrides: XmlElement, problems: string[]): void {
  if (overrides.uri !== NS.overrides || overrides.attributes.get("xsi:type") !== "VersionOverridesV1_0") {
    problems.push(
      `VersionOverrides must be xsi:type="VersionOverridesV1_0" in ${NS.overrides} (the task pane schema that has Runtimes).`,
    );
  }
}

interface ManifestResource {
  kind: ResourceKind;
  value: string;
  element: XmlElement;
}

/** The resources by id, each checked: a known group, an id of at most 32 characters defined once, a value within its kind's length. */
function readResources(overrides: XmlElement, problems: string[]): Map<string, ManifestResource> {
  const resources = new Map<string, ManifestResource>();
  const resourcesElement = child(overrides, "Resources");
  if (!resourcesElement) problems.push("VersionOverrides/Resources is missing.");
  for (const group of resourcesElement?.children ?? []) {
    const kind = RESOURCE_GROUPS[group.name];
    if (!kind) {
      problems.push(`${where(group)} is not a resource group (Images, Urls, ShortStrings, LongStrings).`);
      continue;
    }
    for (const item of group.children) {
      const resourceId = item.attributes.get("id") ?? "";
      const value = item.attributes.get("DefaultValue");
      if (!resourceId) problems.push(`${where(item)} has no id.`);
      else if (resourceId.length > 32)
        problems.push(`${where(item)}: id "${resourceId}" is longer than 32 characters.`);
      if (value === undefined || value === "")
        problems.push(`${where(item)}: resource "${resourceId}" has no DefaultValue.`);
      const limit = MAX_LENGTH[kind];
      if (limit !== undefined && value !== undefined && value.length > limit) {
        problems.push(
          `${where(item)}: "${resourceId}" is ${value.length} characters; ${KIND_NAME[kind]} allow ${limit}.`,
        );
      }
      if (resources.has(resourceId)) problems.push(`${where(item)}: resource id "${resourceId}" is defined twice.`);
      else if (resourceId) resources.set(resourceId, { kind, value: value ?? "", element: item });
    }
  }
  return resources;
}

/** Every resid anywhere is defined and names a resource of the kind its element needs; returns the resids used. */
function checkResids(overrides: XmlElement, resources: Map<string, ManifestResource>, problems: string[]): Set<string> {
  const used = new Set<string>();
  for (const element of all(overrides, (e) => e.attributes.has("resid"))) {
    const resid = element.attributes.get("resid");
    if (!resid) {
      problems.push(`${where(element)} has no resid.`);
      continue;
    }
    used.add(resid);
    const resource = resources.get(resid);
    const kind = RESID_KIND[element.name];
    if (!resource)
      problems.push(
        `${where(element)}: resid "${resid}" is not defined in Resources${kind ? ` (${KIND_NAME[kind]})` : ""}.`,
      );
    else if (kind && resource.kind !== kind) {
      problems.push(
        `${where(element)}: resid "${resid}" names a ${KIND_NAME[resource.kind]} entry; ${element.name} needs one of ${KIND_NAME[kind]}.`,
      );
    }
  }
  return used;
}

function checkUnusedResources(
  resources: Map<string, ManifestResource>,
  usedResids: Set<string>,
  problems: string[],
): void {
  for (const [resourceId, resource] of resources) {
    if (!usedResids.has(resourceId))
      problems.push(`${where(resource.element)}: resource "${resourceId}" is never used.`);
  }
}

/** One long-lived Runtime, and the FunctionFile on its page; returns the runtime's page resid. */
function checkSharedRuntime(host: XmlElement, problems: string[]): string | undefined {
  const runtimes = all(host, (e) => e.name === "Runtime" && e.parent?.name === "Runtimes");
  if (runtimes.length !== 1)
    problems.push(`The Workbook host must declare exactly one Runtime (the shared runtime); found ${runtimes.length}.`);
  const runtime = runtimes[0];
  const runtimeResid = runtime?.attributes.get("resid");
  if (runtime && runtime.attributes.get("lifetime") !== "long") {
    problems.push(
      `${where(runtime)} must have lifetime="long", or the custom functions stop when the task pane closes; got ${runtime.attributes.get("lifetime") ?? "none (short)"}.`,
    );
  }
  const functionFiles = all(host, (e) => e.name === "FunctionFile");
  if (functionFiles.length === 0)
    problems.push("The Workbook host's DesktopFormFactor needs a FunctionFile on the shared runtime's page.");
  functionFiles.forEach((f) => checkOnRuntimePage(f, "FunctionFile", runtimeResid, problems));
  return runtimeResid;
}

/** The element (FunctionFile, the custom functions' Page) exists and loads the shared runtime's page. */
function checkOnRuntimePage(
  element: XmlElement | undefined,
  what: string,
  runtimeResid: string | undefined,
  problems: string[],
): void {
  if (!element) {
    problems.push(`${what} is missing.`);
    return;
  }
  const resid = element.attributes.get("resid");
  if (runtimeResid && resid !== runtimeResid) {
    problems.push(
      `${where(element)}: ${what} must use the shared runtime's page "${runtimeResid}"; got "${resid ?? "none"}".`,
    );
  }
}

/** One CustomFunctions extension point: Page on the shared runtime, Script, Metadata and the SOURCING namespace. */
function checkCustomFunctions(
  host: XmlElement,
  runtimeResid: string | undefined,
  resources: Map<string, ManifestResource>,
  problems: string[],
): void {
  const customFunctions = all(
    host,
    (e) => e.name === "ExtensionPoint" && e.attributes.get("xsi:type") === "CustomFunctions",
  );
  if (customFunctions.length !== 1)
    problems.push(
      `The Workbook host must have one ExtensionPoint xsi:type="CustomFunctions"; found ${customFunctions.length}.`,
    );
  const cf = customFunctions[0];
  if (!cf) return;
  checkOnRuntimePage(
    path(cf, "Page", "SourceLocation"),
    "the custom functions' Page/SourceLocation",
    runtimeResid,
    problems,
  );
  if (!path(cf, "Script", "SourceLocation")) problems.push("The custom functions' Script/SourceLocation is missing.");
  if (!path(cf, "Metadata", "SourceLocation"))
    problems.push("The custom functions' Metadata/SourceLocation (functions.json) is missing.");
  const namespaceElement = child(cf, "Namespace");
  if (!namespaceElement) {
    problems.push("The custom functions' Namespace is missing.");
    return;
  }
  const namespace = resources.get(namespaceElement.attributes.get("resid") ?? "")?.value;
  if (namespace !== undefined && namespace !== EXPECTED_NAMESPACE) {
    problems.push(
      `The custom functions' namespace must be ${EXPECTED_NAMESPACE} (formulas call ${EXPECTED_NAMESPACE}.DECIDE); got "${namespace}".`,
    );
  }
}

function checkDefaultPageIsRuntimePage(
  defaultPage: string | undefined,
  runtimeUrl: string | undefined,
  problems: string[],
): void {
  if (runtimeUrl && defaultPage && runtimeUrl !== defaultPage) {
    problems.push(
      `DefaultSettings/SourceLocation (${defaultPage}) and the shared runtime's page (${runtimeUrl}) must be the same page.`,
    );
  }
}

/** Every URL the manifest names: the icons, help and task pane pages, and each bt:Urls and bt:Images resource (with the sizes it is used at). */
function manifestUrls(
  root: XmlElement,
  host: XmlElement,
  resources: Map<string, ManifestResource>,
  defaultPage: string | undefined,
): ManifestUrl[] {
  const urls: ManifestUrl[] = [];
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    const element = child(root, name);
    const value = element?.attributes.get("DefaultValue");
    if (element && value)
      urls.push({
        url: value,
        where: where(element),
        sizes: new Set(name === "IconUrl" ? [32] : name === "HighResolutionIconUrl" ? [64] : []),
      });
  }
  const defaultSource = path(root, "DefaultSettings", "SourceLocation");
  if (defaultSource && defaultPage) urls.push({ url: defaultPage, where: where(defaultSource), sizes: new Set() });
  const imageSizes = new Map<string, Set<number>>();
  for (const image of all(host, (e) => e.name === "Image" && e.attributes.has("size"))) {
    const sizes = imageSizes.get(image.attributes.get("resid") ?? "") ?? new Set<number>();
    sizes.add(Number(image.attributes.get("size")));
    imageSizes.set(image.attributes.get("resid") ?? "", sizes);
  }
  for (const [resourceId, resource] of resources) {
    if (resource.kind === "url" || resource.kind === "image") {
      urls.push({
        url: resource.value,
        where: where(resource.element),
        sizes: imageSizes.get(resourceId) ?? new Set(),
      });
    }
  }
  return urls;
}

/** Each URL parses, uses https and (when one is expected) is on the expected origin; returns the origins seen. */
function checkUrls(urls: readonly ManifestUrl[], expectedOrigin: string | undefined, problems: string[]): Set<string> {
  const origins = new Set<string>();
  for (const entry of urls) {
    let parsedUrl: URL;
    try {
      parsedUrl = new URL(entry.url);
    } catch {
      problems.push(`${entry.where}: "${entry.url}" is not a URL.`);
      continue;
    }
    if (parsedUrl.protocol !== "https:") problems.push(`${entry.where}: ${entry.url} must use https.`);
    origins.add(parsedUrl.origin);
    if (expectedOrigin && parsedUrl.origin !== new URL(expectedOrigin).origin) {
      problems.push(`${entry.where}: ${entry.url} is not on ${expectedOrigin}.`);
    }
  }
  return origins;
}

function checkAppDomains(root: XmlElement, problems: string[]): void {
  for (const appDomain of all(root, (e) => e.name === "AppDomain")) {
    const domain = appDomain.text.trim();
    if (!domain.startsWith("https://")) problems.push(`${where(appDomain)}: ${domain} must use https.`);
    else if (URL.canParse(domain) && new URL(domain).origin !== domain.replace(/\/$/, "")) {
      problems.push(`${where(appDomain)}: ${domain} must be an origin (https://host[:port]), without a path.`);
    }
  }
}

function checkOneOrigin(origins: ReadonlySet<string>, problems: string[]): void {
  if (origins.size > 1)
    problems.push(
      `The manifest's URLs mix origins (${[...origins].join(", ")}): the build rewrites one host, so they must share it.`,
    );
}

/** A manifest to deploy: no localhost on any line, a help page of its own for SupportUrl, and a dist/ to check against. */
function checkProductionRules(
  xml: string,
  root: XmlElement,
  defaultPage: string | undefined,
  runtimeUrl: string | undefined,
  distDir: string | undefined,
  problems: string[],
): void {
  const localLine = xml.split(/\r?\n/).findIndex((line) => LOCAL_HOST.test(line));
  if (localLine !== -1) {
    problems.push(
      `A production manifest must not name this machine: line ${localLine + 1} has "${xml.split(/\r?\n/)[localLine].trim()}". Build it with npm run build:release and ADDIN_HOST=https://your.host.`,
    );
  }
  const support = child(root, "SupportUrl")?.attributes.get("DefaultValue");
  if (!support) problems.push("OfficeApp/SupportUrl is required in a production manifest: users reach help there.");
  else if (support === defaultPage || (runtimeUrl !== undefined && support === runtimeUrl)) {
    problems.push(
      `OfficeApp/SupportUrl (${support}) is the task pane page; it must be a help page of its own (help.html).`,
    );
  }
  if (!distDir || !existsSync(distDir))
    problems.push("A production manifest is checked against its build: dist/ is missing (npm run build:release).");
}

/** Every URL names a file the build produced, under the task pane page's folder; icons are PNGs of their declared size. */
function checkBuiltFiles(
  urls: readonly ManifestUrl[],
  defaultPage: string | undefined,
  distDir: string,
  problems: string[],
): void {
  // dist/ is served at the folder of the task pane page (a host may serve it under a path, /sourcing/).
  const base = defaultPage && URL.canParse(defaultPage) ? decodeURIComponent(new URL(".", defaultPage).pathname) : "/";
  for (const entry of urls) {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(entry.url).pathname);
    } catch {
      continue; // reported by checkUrls
    }
    if (!pathname.startsWith(base)) {
      problems.push(
        `${entry.where}: ${entry.url} is outside ${base}, where the task pane page and the rest of dist/ are served.`,
      );
      continue;
    }
    pathname = pathname.slice(base.length - 1);
    const file = join(distDir, ...pathname.split("/").filter(Boolean));
    if (pathname.endsWith("/") || !existsSync(file)) {
      problems.push(`${entry.where}: ${entry.url} names ${pathname}, which the build did not produce in dist/.`);
      continue;
    }
    for (const size of entry.sizes) {
      const actual = pngSize(readFileSync(file));
      if (!actual) problems.push(`${entry.where}: ${pathname} is not a PNG image.`);
      else if (actual.width !== size || actual.height !== size) {
        problems.push(
          `${entry.where}: ${pathname} is ${actual.width}×${actual.height} px but is used as a ${size}×${size} icon.`,
        );
      }
    }
  }
}

/**
 * One task pane in the shared runtime: Microsoft's guidance counts a ShowTaskpane action without a <TaskpaneId>
 * as a different pane, so every action on the shared page carries the same id; an action on another page opens
 * a pane in its own runtime and must not reuse that id (Excel on the web rejects one id on two pages,
 * office-js#2918).
 */
function checkTaskPanes(host: XmlElement, runtimeResid: string | undefined, problems: string[]): void {
  const actions = all(host, (e) => e.name === "Action" && e.attributes.get("xsi:type") === "ShowTaskpane").map(
    (action) => ({
      action,
      page: child(action, "SourceLocation")?.attributes.get("resid"),
      id: child(action, "TaskpaneId")?.text.trim() ?? "",
    }),
  );
  const shared = actions.filter((a) => runtimeResid !== undefined && a.page === runtimeResid);
  if (shared.length === 0) {
    problems.push(
      `The ribbon needs a button with an Action xsi:type="ShowTaskpane" whose SourceLocation is the shared runtime's page "${runtimeResid ?? "?"}".`,
    );
    return;
  }
  for (const { action, id } of shared) {
    if (id === "") {
      problems.push(
        `${where(action)}: a ShowTaskpane action on the shared runtime's page needs a <TaskpaneId>: Microsoft counts a pane without one as a different task pane, and a shared runtime supports one.`,
      );
    }
  }
  const sharedIds = new Set(shared.map((a) => a.id).filter((id) => id !== ""));
  if (sharedIds.size > 1)
    problems.push(
      `The ShowTaskpane actions on the shared runtime's page use different TaskpaneIds (${[...sharedIds].join(", ")}): one pane, one id.`,
    );
  for (const { action, id, page } of actions.filter((a) => !shared.includes(a))) {
    if (id === "")
      problems.push(`${where(action)}: the ShowTaskpane action for "${page ?? "?"}" needs a <TaskpaneId> of its own.`);
    else if (sharedIds.has(id)) {
      problems.push(
        `${where(action)}: the ShowTaskpane action's SourceLocation must use the shared runtime's page "${runtimeResid}" when it reuses the shared pane's TaskpaneId "${id}"; got "${page ?? "none"}". A pane on another page needs its own TaskpaneId.`,
      );
    }
  }
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = "89504e470d0a1a0a";
  if (
    bytes.length < 24 ||
    bytes.subarray(0, 8).toString("hex") !== signature ||
    bytes.subarray(12, 16).toString("latin1") !== "IHDR"
  )
    return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// ---- Command line -------------------------------------------------------------------------------------------

/** The origin development builds use (webpack.config.js DEV_ORIGIN): a dist/ manifest on it is for sideloading only. */
export const DEV_ORIGIN = "https://localhost:3000";

export function main(
  args: readonly string[],
  projectDir = resolve(__dirname, ".."),
  distDir = join(projectDir, "dist"),
): number {
  const production = args.includes("--production");
  const named = args.filter((a) => a !== "--production");
  const distManifest = join(distDir, "manifest.xml");
  const files =
    named.length > 0
      ? named.map((a) => resolve(a))
      : production
        ? [distManifest]
        : [join(projectDir, "manifest.xml"), distManifest].filter((f, i) => i === 0 || existsSync(f));
  let failed = false;
  for (const file of files) {
    if (!existsSync(file)) {
      console.error(`${file}: not found.${production ? " Build it with npm run build:release." : ""}`);
      failed = true;
      continue;
    }
    const xml = readFileSync(file, "utf8");
    // A built manifest for a real host is a production manifest; one built without a host is for sideloading.
    const builtForHost = file === distManifest && !xml.includes(DEV_ORIGIN);
    const asProduction = production || builtForHost;
    const problems = validateManifest(xml, { distDir, production: asProduction });
    const checkedDist = existsSync(distDir)
      ? "URLs checked against dist/"
      : "dist/ not built, URLs not checked against files";
    if (problems.length === 0) {
      const kind = asProduction
        ? "production manifest"
        : file === distManifest
          ? `development build on ${DEV_ORIGIN}, for sideloading; npm run build:release makes the one to deploy`
          : "source manifest";
      console.log(`${file}: OK (${kind}; ${checkedDist}).`);
    } else {
      failed = true;
      console.error(
        `${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}${asProduction ? " (checked as a production manifest)" : ""}:`,
      );
      for (const problem of problems) console.error(`  - ${problem}`);
    }
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
