// The policy editor keeps one source of truth for the version being published: the document's
// own `version` when the JSON names one (the "New version" field shows and edits it), else the
// field alone. The editor opens on the active document without its `version`, so a new version
// is typed once, in the field.

/** The document as the editor shows it: pretty JSON without the active `version`. */
export function documentText(document: unknown): string {
  if (document !== null && typeof document === 'object' && !Array.isArray(document)) {
    const { version: _active, ...rest } = document as Record<string, unknown>;
    return JSON.stringify(rest, null, 2);
  }
  return JSON.stringify(document, null, 2);
}

/** The version a parsed document names, or null when it names none (or not as a string). */
export function namedVersion(document: unknown): string | null {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return null;
  const named = (document as { version?: unknown }).version;
  return typeof named === 'string' ? named : null;
}

/** The document text with its `version` set to `version` (the key keeps its place). */
export function withVersion(document: Record<string, unknown>, version: string): string {
  return JSON.stringify({ ...document, version }, null, 2);
}

/** The document to publish as `version`: the field's version, wherever the JSON had it. */
export function publishedDocument(document: unknown, version: string): unknown {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return document;
  return { ...(document as Record<string, unknown>), version };
}
