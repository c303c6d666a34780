// The composer's draft, kept on the device (localStorage) per account while it is being written:
// leaving the composer (another tab, a reload, a closed browser) keeps the title and text until
// they are published or cleared. Images are not kept: their uploads belong to the session.

export interface Draft {
  title: string;
  body: string;
}

const keyOf = (accountId: string) => `atrium.draft.${accountId}`;

/** The kept draft of an account, or null (none, unreadable, or storage refused). */
export function loadDraft(accountId: string): Draft | null {
  try {
    const raw = localStorage.getItem(keyOf(accountId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Draft>;
    const title = typeof value.title === 'string' ? value.title : '';
    const body = typeof value.body === 'string' ? value.body : '';
    return title || body ? { title, body } : null;
  } catch {
    return null;
  }
}

/** Keeps the draft, or forgets it when both fields are empty. Storage failures are ignored. */
export function saveDraft(accountId: string, draft: Draft): void {
  try {
    if (!draft.title.trim() && !draft.body.trim()) localStorage.removeItem(keyOf(accountId));
    else localStorage.setItem(keyOf(accountId), JSON.stringify(draft));
  } catch {
    // private browsing or a full storage: the draft lives only as long as the page
  }
}

export function clearDraft(accountId: string): void {
  try {
    localStorage.removeItem(keyOf(accountId));
  } catch {
    // nothing kept, nothing to clear
  }
}
