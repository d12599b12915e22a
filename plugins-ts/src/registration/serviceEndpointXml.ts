import { WebhookEndpoint } from "./steps";

/**
 * The `<ServiceEndpoint>` the solution ships in Other/Customizations.xml. The solution ships no step:
 * `npm run deploy` registers them (registerSteps.ts) once the webhook answers its health check, so an
 * environment that only imported the zip never waits on an endpoint nobody configured.
 *
 * Element order follows CustomizationsSolution.xsd (serviceendpointtype).
 */

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
