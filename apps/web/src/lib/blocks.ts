import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api.js';
import { useMe } from './session.js';

export const blocksKey = ['blocks'] as const;

/** The accounts the viewer blocked (the first 100, most recent first), for settings. */
export function useBlocks() {
  const me = useMe();
  return useQuery({
    queryKey: blocksKey,
    queryFn: () => api.me.blocks({ limit: 100 }),
    enabled: !!me.data,
  });
}

/** Blocks or unblocks; every cached list may change, since blocks hide content both ways. */
export function useBlockToggle(handle: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (block: boolean) => (block ? api.users.block(handle) : api.users.unblock(handle)),
    onSettled: () =>
      queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' }),
  });
}
