import { AtriumError } from '@atrium/sdk';
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { platformStatusKey } from './components/status-banner.js';
import { LocaleProvider } from './i18n/provider.js';
import { rememberEntry } from './lib/back.js';
import './styles.css';

const queryClient: QueryClient = new QueryClient({
  // a write refused by a kill switch: the banner asks the server again at once
  mutationCache: new MutationCache({
    onError: (error) => {
      if (error instanceof AtriumError && ['READ_ONLY', 'UPLOADS_PAUSED'].includes(error.code)) {
        void queryClient.invalidateQueries({ queryKey: platformStatusKey });
      }
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A problem answer (404, 451, …) will not change by asking again; network failures may.
      retry: (failures, error) =>
        !(error instanceof AtriumError && error.status < 500) && failures < 3,
      refetchOnWindowFocus: false,
    },
  },
});

rememberEntry();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <App />
      </LocaleProvider>
    </QueryClientProvider>
  </StrictMode>,
);
