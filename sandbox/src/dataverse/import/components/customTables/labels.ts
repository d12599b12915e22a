/** Localized labels in customizations.xml (`<displaynames>`, `<LocalizedNames>`, `<labels>`) and the 1033/1035 pair the sandbox formats with. */
import type { Element } from "@xmldom/xmldom";
import type { LocalizedLabel } from "../../../metadata/dynamic";
import type { Labels } from "../../../metadata/types";
import { attribute, childElements, firstChild } from "../../../xml";

/** `<list><item description="…" languagecode="…"/></list>` under `parent`. */
export function localizedLabels(parent: Element | undefined, listName: string, itemName: string): LocalizedLabel[] {
  const list = parent ? firstChild(parent, listName) : undefined;
  return (list ? childElements(list, itemName) : []).flatMap((item) => {
    const label = attribute(item, "description");
    const languageCode = Number(attribute(item, "languagecode"));
    return label !== undefined && label !== "" && Number.isInteger(languageCode) ? [{ languageCode, label }] : [];
  });
}

/**
 * English and Finnish, as FormattedValue needs them. A language the solution has no label for shows the
 * label of another language the solution has (English first), as Dataverse shows the base language's
 * label when the user's language has none.
 */
export function labelPair(labels: LocalizedLabel[], fallback: string): Labels {
  const of = (code: number) => labels.find((l) => l.languageCode === code)?.label;
  const english = of(1033) ?? labels[0]?.label ?? fallback;
  return { 1033: english, 1035: of(1035) ?? english };
}
