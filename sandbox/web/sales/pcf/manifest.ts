/** The parts of a PCF ControlManifest.xml (as stored on the customcontrol row) the host needs. */

export interface ManifestProperty {
  name: string;
  usage: "bound" | "input" | "output";
  /** of-type, or the first type of its type group. */
  type: string;
  /** All types the property accepts (one, or its type group's). */
  types: string[];
  defaultValue: string | null;
}

export interface ControlManifest {
  namespace: string;
  constructorName: string;
  /** `virtual` controls return React elements from updateView; `standard` ones render into their container. */
  controlType: "virtual" | "standard";
  properties: ManifestProperty[];
  /** code resource paths in load order. */
  codePaths: string[];
  /** css resource paths in load order. */
  cssPaths: string[];
  /** resx path by language id (from the `.<lcid>.resx` file name). */
  resx: Map<number, string>;
  platformLibraries: string[];
}

const children = (element: Element, tag: string): Element[] => Array.from(element.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === tag);

export function parseControlManifest(xml: string): ControlManifest {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  if (doc.getElementsByTagName("parsererror").length > 0) throw new Error("The control manifest is not well-formed XML.");
  const control = doc.getElementsByTagName("control")[0];
  const namespace = control?.getAttribute("namespace");
  const constructorName = control?.getAttribute("constructor");
  if (!control || !namespace || !constructorName) throw new Error("The control manifest has no <control namespace constructor>.");
  const typeGroups = new Map(children(control, "type-group").map((group) => [group.getAttribute("name") ?? "", children(group, "type").map((t) => t.textContent?.trim() ?? "")]));
  const properties = children(control, "property").map((property): ManifestProperty => {
    const ofType = property.getAttribute("of-type");
    const types = ofType ? [ofType] : (typeGroups.get(property.getAttribute("of-type-group") ?? "") ?? []);
    const usage = property.getAttribute("usage");
    return {
      name: property.getAttribute("name") ?? "",
      usage: usage === "bound" || usage === "output" ? usage : "input",
      type: types[0] ?? "SingleLine.Text",
      types,
      defaultValue: property.getAttribute("default-value"),
    };
  });
  const resources = children(control, "resources")[0];
  const inOrder = (tag: string): string[] =>
    resources
      ? children(resources, tag)
          .map((file) => ({ path: file.getAttribute("path") ?? "", order: Number(file.getAttribute("order") ?? "1") }))
          .sort((a, b) => a.order - b.order)
          .map((file) => file.path)
      : [];
  const codePaths = inOrder("code");
  const cssPaths = inOrder("css");
  const resx = new Map<number, string>();
  for (const file of resources ? children(resources, "resx") : []) {
    const path = file.getAttribute("path") ?? "";
    const lcid = /\.(\d{4,5})\.resx$/i.exec(path);
    if (lcid) resx.set(Number(lcid[1]), path);
  }
  return {
    namespace,
    constructorName,
    controlType: control.getAttribute("control-type") === "virtual" ? "virtual" : "standard",
    properties,
    codePaths,
    cssPaths,
    resx,
    platformLibraries: resources ? children(resources, "platform-library").map((lib) => lib.getAttribute("name") ?? "") : [],
  };
}

/** The web resource folder of a control's files: `cc_<namespace>.<constructor>`. */
export const controlResourceFolder = (manifest: Pick<ControlManifest, "namespace" | "constructorName">): string => `cc_${manifest.namespace}.${manifest.constructorName}`;

/** `<data name><value>` pairs of a .resx file. */
export function parseResx(xml: string): Map<string, string> {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const strings = new Map<string, string>();
  for (const data of Array.from(doc.getElementsByTagName("data"))) {
    const name = data.getAttribute("name");
    const value = children(data, "value")[0];
    if (name && value) strings.set(name, value.textContent ?? "");
  }
  return strings;
}
