/**
 * Where a banked known-bad hash came from: an image moderation removed, or a list an operator
 * imported (docs/media.md, "Known-bad hashes").
 */
export const hashBankSources = ['removed', 'imported'] as const;
export type HashBankSource = (typeof hashBankSources)[number];

/** What the hash checker does with a match: refuse the upload, or queue it for review. */
export const hashMatchActions = ['block', 'review'] as const;
export type HashMatchAction = (typeof hashMatchActions)[number];
