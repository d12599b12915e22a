/**
 * Publishes functions under the global `Cb2b` namespace the forms' event handlers name (e.g.
 * `Cb2b.LeadForm.onLoad`). Each form's script adds its members without replacing what another
 * script of ours already put there, since both can be loaded in the same page.
 */
export function publish(members: Record<string, Record<string, unknown>>): void {
  const root = globalThis as unknown as { Cb2b?: Record<string, unknown> };
  const namespace = (root.Cb2b ??= {});
  for (const [name, value] of Object.entries(members)) {
    namespace[name] = { ...((namespace[name] as object | undefined) ?? {}), ...value };
  }
}
