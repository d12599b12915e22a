/**
 * Webhook registration in customizations.xml: `<ServiceEndpoints>` and `<SdkMessageProcessingSteps>`
 * (with their images). A step must name a message the sandbox runs, on an entity it has.
 */
import type { Element } from "@xmldom/xmldom";
import { entityByLogicalName } from "../../metadata";
import { SdkMessageIds, sdkMessageFilterId } from "../../storage/seed";
import { attribute, childElements, childText, firstChild } from "../../xml";
import { importRefused } from "../solutionPackage";
import { bit, guidOf, type ComponentRow } from "./types";

const messageById = new Map(Object.entries(SdkMessageIds).map(([name, id]) => [id, name]));

const integer = (element: Element, name: string, fallback: number): number => {
  const text = childText(element, name);
  return text === undefined || text.trim() === "" ? fallback : Number(text);
};

export function serviceEndpoints(customizations: Element): ComponentRow[] {
  const container = firstChild(customizations, "ServiceEndpoints");
  if (!container) return [];
  return childElements(container, "ServiceEndpoint").map((endpoint) => {
    const serviceendpointid = guidOf(attribute(endpoint, "ServiceEndpointId"));
    if (!serviceendpointid) throw importRefused("A ServiceEndpoint in customizations.xml has no ServiceEndpointId.");
    return {
      entity: "serviceendpoint",
      record: {
        serviceendpointid,
        name: attribute(endpoint, "Name") ?? childText(endpoint, "Name") ?? serviceendpointid,
        description: childText(endpoint, "Description") ?? attribute(endpoint, "Description") ?? null,
        contract: integer(endpoint, "Contract", 8),
        authtype: integer(endpoint, "AuthType", 5),
        messageformat: integer(endpoint, "MessageFormat", 2),
        userclaim: integer(endpoint, "UserClaim", 1),
        url: childText(endpoint, "Url") ?? null,
        namespaceaddress: childText(endpoint, "NamespaceAddress") ?? null,
        path: childText(endpoint, "Path") ?? null,
        solutionnamespace: childText(endpoint, "SolutionNamespace") ?? null,
      },
    };
  });
}

/** The message of a step: by its well-known SdkMessageId, else from the name `<handler>: <Message> of <entity>`. */
function stepMessage(step: Element): string {
  const id = guidOf(childText(step, "SdkMessageId"));
  const byId = id ? messageById.get(id) : undefined;
  if (byId) return byId;
  const byName = /:\s*([A-Za-z]+)\s+of\s+/.exec(attribute(step, "Name") ?? "")?.[1];
  if (id && !byName) throw importRefused(`The SDK message ${id} of step '${attribute(step, "Name") ?? ""}' is not one the Dataverse sandbox runs.`);
  if (!byName || !SdkMessageIds[byName]) {
    throw importRefused(`The step '${attribute(step, "Name") ?? ""}' is registered on a message the Dataverse sandbox does not run ('${byName ?? id ?? "unknown"}').`);
  }
  return byName;
}

export function sdkSteps(customizations: Element): ComponentRow[] {
  const container = firstChild(customizations, "SdkMessageProcessingSteps");
  if (!container) return [];
  return childElements(container, "SdkMessageProcessingStep").flatMap((step) => {
    const stepId = guidOf(attribute(step, "SdkMessageProcessingStepId"));
    if (!stepId) throw importRefused("An SdkMessageProcessingStep has no SdkMessageProcessingStepId.");
    const message = stepMessage(step);
    const primaryEntity = (childText(step, "PrimaryEntity") ?? "").trim().toLowerCase();
    if (!entityByLogicalName(primaryEntity)) throw importRefused(`The step '${attribute(step, "Name") ?? stepId}' is on the entity '${primaryEntity}', which does not exist.`);
    const handler = guidOf(childText(step, "EventHandler"));
    const rows: ComponentRow[] = [
      {
        entity: "sdkmessageprocessingstep",
        record: {
          sdkmessageprocessingstepid: stepId,
          name: attribute(step, "Name") ?? stepId,
          description: childText(step, "Description") ?? null,
          configuration: childText(step, "Configuration") ?? null,
          filteringattributes: (childText(step, "FilteringAttributes") ?? "").trim() || null,
          mode: integer(step, "Mode", 0),
          stage: integer(step, "Stage", 40),
          rank: integer(step, "Rank", 1),
          supporteddeployment: integer(step, "SupportedDeployment", 0),
          asyncautodelete: bit(childText(step, "AsyncAutoDelete")),
          sdkmessageid: { logicalName: "sdkmessage", id: SdkMessageIds[message] },
          sdkmessagefilterid: { logicalName: "sdkmessagefilter", id: sdkMessageFilterId(message, primaryEntity) },
          eventhandler: handler ? { logicalName: "serviceendpoint", id: handler } : null,
        },
      },
    ];
    const images = firstChild(step, "SdkMessageProcessingStepImages");
    for (const image of images ? childElements(images, "SdkMessageProcessingStepImage") : []) {
      const imageId = guidOf(childText(image, "SdkMessageProcessingStepImageId"));
      if (!imageId) throw importRefused(`An image of step '${attribute(step, "Name") ?? stepId}' has no SdkMessageProcessingStepImageId.`);
      rows.push({
        entity: "sdkmessageprocessingstepimage",
        record: {
          sdkmessageprocessingstepimageid: imageId,
          name: attribute(image, "Name") ?? childText(image, "EntityAlias") ?? imageId,
          entityalias: childText(image, "EntityAlias") ?? attribute(image, "Name") ?? "Image",
          attributes: (childText(image, "Attributes") ?? "").trim() || null,
          imagetype: integer(image, "ImageType", 0),
          messagepropertyname: childText(image, "MessagePropertyName") ?? "Target",
          sdkmessageprocessingstepid: { logicalName: "sdkmessageprocessingstep", id: stepId },
        },
      });
    }
    return rows;
  });
}
