import { KnownSdkMessageIds } from "./stepPlacement";
import { stepName, WebhookEndpoint, type StepRegistration } from "./steps";

/**
 * The solution XML for the webhook: one `SdkMessageProcessingSteps/{id}.xml` per step (SolutionPackager's
 * unpacked layout) and the `<ServiceEndpoint>` that goes into Other/Customizations.xml.
 *
 * Element order follows CustomizationsSolution.xsd (sdkmessageprocessingsteptype, serviceendpointtype).
 */

/**
 * Webhook steps are executed by the platform's service-endpoint plug-in; the step's EventHandler is the
 * service endpoint (object type code 4618) instead of a plug-in type (4602).
 */
export const ServiceBusPlugin = {
  typeName: "Microsoft.Crm.ServiceBus.ServiceBusPlugin, Microsoft.Crm.ServiceBus, Version=9.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35",
  typeId: "ef521e63-cd2b-4170-99f6-447466a7161e",
} as const;
export const ServiceEndpointTypeCode = 4618;


/** serviceendpoint option values. */
export const ServiceEndpointValues = {
  contractWebhook: 8,
  connectionModeNormal: 1,
  userClaimNone: 1,
  authTypeWebhookKey: 4,
  authTypeHttpHeader: 5,
  messageFormatJson: 2,
} as const;

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const braced = (id: string): string => `{${id}}`;
const bit = (value: boolean): string => (value ? "1" : "0");

function imageXml(step: StepRegistration): string[] {
  if (step.images.length === 0) return ["  <SdkMessageProcessingStepImages />"];
  return [
    "  <SdkMessageProcessingStepImages>",
    ...step.images.flatMap((image) => [
      `    <SdkMessageProcessingStepImage Name="${escapeXml(image.alias)}">`,
      `      <SdkMessageProcessingStepImageId>${braced(image.id)}</SdkMessageProcessingStepImageId>`,
      `      <Attributes>${image.attributes.join(",")}</Attributes>`,
      `      <EntityAlias>${escapeXml(image.alias)}</EntityAlias>`,
      `      <ImageType>${image.imageType}</ImageType>`,
      `      <MessagePropertyName>${image.messagePropertyName}</MessagePropertyName>`,
      "      <IsCustomizable>1</IsCustomizable>",
      "      <IntroducedVersion>1.0</IntroducedVersion>",
      "    </SdkMessageProcessingStepImage>",
    ]),
    "  </SdkMessageProcessingStepImages>",
  ];
}

/** The content of `SdkMessageProcessingSteps/{id}.xml` for one step shipped in the solution. */
export function stepXml(step: StepRegistration): string {
  const messageId = KnownSdkMessageIds[step.message];
  // An exported step always names its message by id; without one the import cannot bind the step.
  if (!messageId) throw new Error(`The step '${stepName(step)}' is registered at deploy time: its ${step.message} message id is not known.`);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<SdkMessageProcessingStep Name="${escapeXml(stepName(step))}" SdkMessageProcessingStepId="${braced(step.id)}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    `  <PluginTypeName>${ServiceBusPlugin.typeName}</PluginTypeName>`,
    `  <PluginTypeId>${ServiceBusPlugin.typeId}</PluginTypeId>`,
    `  <PrimaryEntity>${step.primaryEntity}</PrimaryEntity>`,
    // Keep failed system jobs (they carry the webhook's answer); delete the succeeded ones.
    `  <AsyncAutoDelete>${bit(step.mode === 1)}</AsyncAutoDelete>`,
    `  <Description>${escapeXml(step.description)}</Description>`,
    `  <FilteringAttributes>${step.filteringAttributes.join(",")}</FilteringAttributes>`,
    "  <InvocationSource>0</InvocationSource>",
    `  <Mode>${step.mode}</Mode>`,
    `  <Rank>${step.rank}</Rank>`,
    `  <SdkMessageId>${messageId}</SdkMessageId>`,
    `  <EventHandler>${braced(WebhookEndpoint.id)}</EventHandler>`,
    `  <EventHandlerTypeCode>${ServiceEndpointTypeCode}</EventHandlerTypeCode>`,
    `  <Stage>${step.stage}</Stage>`,
    "  <IsCustomizable>1</IsCustomizable>",
    "  <IsHidden>0</IsHidden>",
    "  <SupportedDeployment>0</SupportedDeployment>",
    "  <IntroducedVersion>1.0</IntroducedVersion>",
    ...imageXml(step),
    "</SdkMessageProcessingStep>",
  ];
  return lines.join("\n") + "\n";
}

/**
 * The `<ServiceEndpoint>` element (indented for its place under `<ServiceEndpoints>` in
 * Customizations.xml). Contract Webhook, auth type HttpHeader; the key (authvalue) is never exported
 * by Dataverse and is set at deploy time together with the real URL.
 */
export function serviceEndpointXml(indent = "    "): string {
  const v = ServiceEndpointValues;
  return [
    `<ServiceEndpoint ServiceEndpointId="${braced(WebhookEndpoint.id)}" Name="${escapeXml(WebhookEndpoint.name)}">`,
    `  <ConnectionMode>${v.connectionModeNormal}</ConnectionMode>`,
    `  <Contract>${v.contractWebhook}</Contract>`,
    `  <Description>${escapeXml(WebhookEndpoint.description)}</Description>`,
    `  <UserClaim>${v.userClaimNone}</UserClaim>`,
    "  <IsCustomizable>1</IsCustomizable>",
    `  <AuthType>${v.authTypeHttpHeader}</AuthType>`,
    `  <MessageFormat>${v.messageFormatJson}</MessageFormat>`,
    `  <Url>${escapeXml(WebhookEndpoint.placeholderUrl)}</Url>`,
    "</ServiceEndpoint>",
  ]
    .map((line) => indent + line)
    .join("\n");
}
