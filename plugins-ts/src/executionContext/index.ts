/**
 * The Dataverse webhook wire format: the `RemoteExecutionContext` JSON the platform posts to a
 * webhook service endpoint, and the `x-ms-dynamics-*` headers that come with it.
 *
 * - `parseRemoteExecutionContext(body)` turns the posted JSON into a typed `RemoteExecutionContext`
 *   (Maps for the `[{ key, value }]` collections, `Date`s for `/Date(ms)/`, tagged EntityReference,
 *   OptionSetValue, Money, Entity and EntityCollection values). It throws `ExecutionContextError`
 *   with a message naming the problem.
 * - `serializeRemoteExecutionContext(ctx, { trimmed? })` is its inverse: the exact body Dataverse
 *   posts, with `__type` hints and escaped `\/`. With `trimmed: true` it leaves out InputParameters,
 *   images and ParentContext, as the platform does above 256 KB. `parse(serialize(x))` equals `x`.
 * - `webhookHeadersFor(ctx, { organization, trimmed? })` gives the headers to send with that body;
 *   `readWebhookHeaders(get)` reads them on the receiving side.
 * - `entity()`, `entityReference()`, `optionSetValue()`, `money()`, `parameters()` build values;
 *   `getEntityReference()`, `getEntity()`, `getOptionValue()`… read them back;
 *   `createRemoteExecutionContext({ messageName, primaryEntityName, stage, mode, userId, … })` fills in
 *   the rest with the platform defaults (fresh correlation and operation ids, empty collections).
 *
 * A stand-in platform (the offline sandbox) builds a context like this and posts it:
 *
 *     const ctx = createRemoteExecutionContext({
 *       messageName: "WinOpportunity", primaryEntityName: "opportunity", stage: 10, mode: 0, userId,
 *       owningExtension: entityReference("sdkmessageprocessingstep", stepId),
 *       inputParameters: parameters({
 *         OpportunityClose: entity("opportunityclose", EmptyGuid, { opportunityid: entityReference("opportunity", id) }),
 *         Status: optionSetValue(3),
 *       }),
 *     });
 *     await fetch(url, { method: "POST", headers: { ...webhookHeadersFor(ctx, { organization }), ...authHeaders },
 *                        body: serializeRemoteExecutionContext(ctx) });
 */
export * from "./types";
export * from "./values";
export { createRemoteExecutionContext, type RemoteExecutionContextInit } from "./create";
export { ExecutionContextError, parseRemoteExecutionContext } from "./parse";
export { serializeRemoteExecutionContext, type SerializeOptions } from "./serialize";
export { readWebhookHeaders, webhookHeadersFor, WebhookHeaderNames } from "./headers";
