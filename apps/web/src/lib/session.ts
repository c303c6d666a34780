import type { Account } from '@atrium/sdk';
import { AtriumError } from '@atrium/sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api.js';

export const meKey = ['me'] as const;

/** The signed-in account, or null when signed out (a 401 is an answer, not an error). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Account | null> => {
      try {
        return await api.me.get();
      } catch (error) {
        if (error instanceof AtriumError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** After sign-in or sign-out: every cached answer may depend on the viewer. */
export function useSessionChanged() {
  const queryClient = useQueryClient();
  return async (account: Account | null) => {
    queryClient.setQueryData(meKey, account);
    await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
  };
}
