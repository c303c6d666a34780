import { thumbHashToDataURL } from 'thumbhash';

const cache = new Map<string, string>();

/** A data URL painting a thumbhash (base64) while the real image loads. */
export function placeholderUrl(hash: string): string | undefined {
  const cached = cache.get(hash);
  if (cached) return cached;
  try {
    const bytes = Uint8Array.from(atob(hash), (char) => char.charCodeAt(0));
    const url = thumbHashToDataURL(bytes);
    cache.set(hash, url);
    return url;
  } catch {
    return undefined;
  }
}
