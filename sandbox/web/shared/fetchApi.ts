/**
 * fetch() against the Dataverse Web API as a model-driven page does: bearer token, JSON, OData 4.0 and
 * every annotation (FormattedValue, lookuplogicalname, …). A caller's own Prefer values (return=
 * representation, odata.maxpagesize) are kept next to the annotations preference.
 */
const ANNOTATIONS = 'odata.include-annotations="*"';

export function createFetchApi(
  apiUrl: string,
  token: string,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): (pathAndQuery: string, init?: RequestInit) => Promise<Response> {
  return (pathAndQuery, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${token}`);
    headers.set("Accept", "application/json");
    headers.set("OData-Version", "4.0");
    headers.set("OData-MaxVersion", "4.0");
    const prefer = headers.get("Prefer");
    if (!prefer) headers.set("Prefer", ANNOTATIONS);
    else if (!/odata\.include-annotations/.test(prefer)) headers.set("Prefer", `${ANNOTATIONS},${prefer}`);
    if (init.body !== undefined && init.body !== null && !headers.has("Content-Type")) headers.set("Content-Type", "application/json; charset=utf-8");
    const url = /^https?:\/\//.test(pathAndQuery) ? pathAndQuery : `${apiUrl}${pathAndQuery.replace(/^\//, "")}`;
    return fetchImpl(url, { ...init, headers });
  };
}
