/** Asks the rep; resolves true only when they press the confirm button. */
export async function confirmWithRep(title: string, text: string, confirmButtonLabel: string, cancelButtonLabel: string): Promise<boolean> {
  const result = await Xrm.Navigation.openConfirmDialog({ title, text, confirmButtonLabel, cancelButtonLabel });
  return result?.confirmed === true;
}

/** The message of a Web API / platform error, whatever shape it came in. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) return String((error as { message: unknown }).message);
  return String(error);
}
