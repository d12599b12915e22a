/** Record ids as the Web API wants them: no braces, lower case. Form and grid APIs return "{GUID}". */
export function normalizeId(id: string | null | undefined): string {
  return (id ?? "").replace(/[{}]/g, "").toLowerCase();
}
