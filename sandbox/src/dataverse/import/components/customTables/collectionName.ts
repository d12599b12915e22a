/**
 * The collection name Dataverse gives a table when customizations.xml does not carry `<EntitySetName>`
 * (exports since the Web API do; EntitySetName "by default is the same as the LogicalCollectionName",
 * EntityMetadata.EntitySetName, https://learn.microsoft.com/dotnet/api/microsoft.xrm.sdk.metadata.entitymetadata.entitysetname).
 * Dataverse pluralizes the logical name with a few English rules and no irregular plurals: a consonant
 * and y become "ies", s/x/z/ch/sh take "es", anything else "s" (observed: new_city → new_cities,
 * xxx_settings → xxx_settingses, new_wolf → new_wolfs; "CRM 2016 Web API and plural names",
 * https://www.crmanswers.net/2016/02/crm-2016-web-api-and-plural-names.html).
 */
export function defaultCollectionName(logicalName: string): string {
  if (/[^aeiou]y$/.test(logicalName)) return `${logicalName.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(logicalName)) return `${logicalName}es`;
  return `${logicalName}s`;
}
