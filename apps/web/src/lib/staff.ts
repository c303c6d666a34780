import { AtriumError } from '@atrium/sdk';
import { useQuery } from '@tanstack/react-query';
import { api } from './api.js';
import { useMe } from './session.js';

export const staffMeKey = ['staff', 'me'] as const;

/**
 * The viewer's staff role and permissions, or null for everyone who is not staff. Asked only of
 * accounts that say they are staff (`staff` of `GET /api/me`): nobody else pays a request.
 */
export function useStaffMe() {
  const me = useMe();
  return useQuery({
    queryKey: staffMeKey,
    queryFn: async () => {
      try {
        return await api.staff.me();
      } catch (error) {
        // staff whose powers wait for TOTP: an error the console explains, not "not staff"
        if (error instanceof AtriumError && error.code === 'SECOND_FACTOR_REQUIRED_FOR_STAFF')
          throw error;
        if (error instanceof AtriumError && (error.status === 401 || error.status === 403))
          return null;
        throw error;
      }
    },
    enabled: me.data?.staff === true,
    staleTime: 5 * 60_000,
  });
}
