/**
 * Shares a link: the system share sheet on touch devices that have one, else the clipboard.
 * Resolves to what happened, so the caller can say so; `failed` when neither is allowed (the
 * caller then shows the link to copy by hand).
 */
export async function shareLink(
  url: string,
  title: string,
): Promise<'shared' | 'copied' | 'failed'> {
  const touch = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  if (touch && typeof navigator.share === 'function') {
    try {
      await navigator.share({ url, title });
      return 'shared';
    } catch (error) {
      // the person closed the sheet: nothing to report
      if (error instanceof DOMException && error.name === 'AbortError') return 'shared';
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    return 'copied';
  } catch {
    return 'failed';
  }
}
