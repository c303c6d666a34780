/** A denial with its reason, or null when allowed. */
export type Denial = { code: 'CANNOT_FOLLOW_SELF' } | null;

/** Following is open to every signed-in account except oneself. */
export function canFollow(followerId: string, followeeId: string): Denial {
  return followerId === followeeId ? { code: 'CANNOT_FOLLOW_SELF' } : null;
}
