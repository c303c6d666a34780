import { describe, expect, it } from 'vitest';
import { documentText, namedVersion, publishedDocument, withVersion } from './policy-document.js';

describe('the policy editor version (one source of truth)', () => {
  const active = { version: '2026-01', rules: [{ id: 'spam' }] };

  it('opens on the active document without its version', () => {
    const text = documentText(active);
    expect(JSON.parse(text)).toEqual({ rules: [{ id: 'spam' }] });
    expect(namedVersion(JSON.parse(text))).toBeNull();
  });

  it('reads a version the JSON names, and rewrites it in place', () => {
    expect(namedVersion(active)).toBe('2026-01');
    expect(namedVersion({ version: 3 })).toBeNull();
    expect(namedVersion([])).toBeNull();
    const text = withVersion(active, '2026-02');
    expect(Object.keys(JSON.parse(text))).toEqual(['version', 'rules']);
    expect(namedVersion(JSON.parse(text))).toBe('2026-02');
  });

  it('publishes the document under the version given, whatever it named', () => {
    expect(publishedDocument({ rules: [] }, 'v2')).toEqual({ rules: [], version: 'v2' });
    expect(publishedDocument(active, 'v3')).toEqual({ version: 'v3', rules: [{ id: 'spam' }] });
  });
});
