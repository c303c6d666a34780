import { type FormEvent, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { Avatar, Icon, Loading, OfflineBanner } from './components/common.js';
import { DeletionCancelledBanner } from './components/delete-account.js';
import { ErrorBoundary } from './components/error-boundary.js';
import { RestrictedBanner } from './components/restricted-banner.js';
import { StatusBanner } from './components/status-banner.js';
import { StepUpBanner } from './components/step-up-banner.js';
import { UndoToast } from './components/undo-toast.js';
import { useT } from './i18n/provider.js';
import { useMe } from './lib/session.js';
import { useStaffMe } from './lib/staff.js';
import { DiscoverScreen } from './screens/discover.js';

// Discovery is in the first bundle; every other screen loads when first opened.
const AuthScreen = lazy(() => import('./screens/auth.js').then((m) => ({ default: m.AuthScreen })));
const ComposeScreen = lazy(() =>
  import('./screens/compose.js').then((m) => ({ default: m.ComposeScreen })),
);
const BoardScreen = lazy(() =>
  import('./screens/board.js').then((m) => ({ default: m.BoardScreen })),
);
const NoteScreen = lazy(() => import('./screens/note.js').then((m) => ({ default: m.NoteScreen })));
const ProfileScreen = lazy(() =>
  import('./screens/profile.js').then((m) => ({ default: m.ProfileScreen })),
);
const SearchScreen = lazy(() =>
  import('./screens/search.js').then((m) => ({ default: m.SearchScreen })),
);
const SettingsScreen = lazy(() =>
  import('./screens/settings.js').then((m) => ({ default: m.SettingsScreen })),
);
const ImmersiveScreen = lazy(() =>
  import('./screens/immersive.js').then((m) => ({ default: m.ImmersiveScreen })),
);
const TopicScreen = lazy(() =>
  import('./screens/topic.js').then((m) => ({ default: m.TopicScreen })),
);
const StepUpScreen = lazy(() =>
  import('./screens/step-up.js').then((m) => ({ default: m.StepUpScreen })),
);
const WelcomeScreen = lazy(() =>
  import('./screens/welcome.js').then((m) => ({ default: m.WelcomeScreen })),
);
const FollowListScreen = lazy(() =>
  import('./screens/follow-list.js').then((m) => ({ default: m.FollowListScreen })),
);
const NoticesScreen = lazy(() =>
  import('./screens/notices.js').then((m) => ({ default: m.NoticesScreen })),
);
// The staff console is its own chunk (with its own messages): nobody else downloads it.
const StaffConsole = lazy(() =>
  import('./staff/console.js').then((m) => ({ default: m.StaffConsole })),
);

function HeaderSearch() {
  const { t } = useT();
  const [location, navigate] = useLocation();
  const [q, setQ] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (q.trim())
      navigate(`/search?${new URLSearchParams({ q: q.trim(), type: 'notes' }).toString()}`);
  };
  return (
    // The search page has its own box: on a phone, where both would stack, the header's steps aside.
    <search className={location === '/search' ? 'header-search on-search-page' : 'header-search'}>
      <form onSubmit={submit}>
        <label className="visually-hidden" htmlFor="header-search">
          {t('search.label')}
        </label>
        <input
          id="header-search"
          type="search"
          value={q}
          placeholder={t('search.placeholder')}
          onChange={(event) => setQ(event.target.value)}
        />
        <button type="submit" aria-label={t('search.submit')}>
          <Icon name="search" />
        </button>
      </form>
    </search>
  );
}

function NavLinks({ variant }: { variant: 'top' | 'bottom' }) {
  const { t } = useT();
  const me = useMe();
  const staff = useStaffMe();
  const [location] = useLocation();
  const account = me.data;
  const items = [
    { href: '/', label: t('nav.discover'), icon: <Icon name="home" /> },
    ...(variant === 'bottom'
      ? [{ href: '/search', label: t('nav.search'), icon: <Icon name="search" /> }]
      : []),
    { href: '/new', label: t('nav.new'), icon: <Icon name="plus" />, primary: true },
    account
      ? {
          href: `/u/${account.handle}`,
          label: t('nav.me'),
          icon: <Avatar user={account} size={24} />,
        }
      : { href: '/login', label: t('nav.login'), icon: <Icon name="user" /> },
    ...(variant === 'top' && staff.data
      ? [{ href: '/staff', label: t('nav.staff'), icon: <Icon name="shield" /> }]
      : []),
    ...(variant === 'top'
      ? [{ href: '/settings', label: t('nav.settings'), icon: <Icon name="settings" /> }]
      : []),
  ];
  return (
    <nav className={`nav nav-${variant}`} aria-label={t('nav.main')}>
      <ul>
        {items.map((item) => {
          const current = item.href === '/' ? location === '/' : location.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                className={`${current ? 'current' : ''} ${item.primary ? 'primary' : ''}`}
                aria-current={current ? 'page' : undefined}
              >
                {item.icon}
                <span>{item.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function NotFound() {
  const { t } = useT();
  return (
    <div className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <Link href="/">{t('notFound.home')}</Link>
    </div>
  );
}

/** Scrolls to the top on navigation, and moves focus to the main region for screen readers. */
function useNavigationFocus() {
  const [location] = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of location
  useEffect(() => {
    // The first page load keeps the browser's own focus order (the skip link comes first).
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location]);
}

export function App() {
  const { t } = useT();
  const [location] = useLocation();
  useNavigationFocus();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <Link href="/" className="logo" aria-label={t('app.name')}>
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>{t('app.name')}</span>
        </Link>
        <HeaderSearch />
        <NavLinks variant="top" />
      </header>
      <OfflineBanner />
      <StatusBanner />
      <RestrictedBanner />
      <StepUpBanner />
      <DeletionCancelledBanner />
      <UndoToast />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={location}>
          <Suspense fallback={<Loading />}>
            <Switch>
              <Route path="/" component={DiscoverScreen} />
              <Route path="/note/:id">
                {(params) => <NoteScreen key={params.id} id={params.id} />}
              </Route>
              <Route path="/u/:handle/:list">
                {(params) =>
                  params.list === 'followers' || params.list === 'following' ? (
                    <FollowListScreen
                      key={`${params.handle}/${params.list}`}
                      handle={params.handle}
                      direction={params.list}
                    />
                  ) : (
                    <NotFound />
                  )
                }
              </Route>
              <Route path="/u/:handle">
                {(params) => <ProfileScreen key={params.handle} handle={params.handle} />}
              </Route>
              <Route path="/board/:id">
                {(params) => <BoardScreen key={params.id} id={params.id} />}
              </Route>
              <Route path="/topic/:tag">
                {(params) => <TopicScreen key={params.tag} tag={decodeURIComponent(params.tag)} />}
              </Route>
              <Route path="/search" component={SearchScreen} />
              <Route path="/immersive" component={ImmersiveScreen} />
              <Route path="/login" component={AuthScreen} />
              <Route path="/new" component={ComposeScreen} />
              <Route path="/settings" component={SettingsScreen} />
              <Route path="/notices" component={NoticesScreen} />
              <Route path="/confirm" component={StepUpScreen} />
              <Route path="/welcome" component={WelcomeScreen} />
              <Route path="/staff" nest>
                <StaffConsole />
              </Route>
              <Route component={NotFound} />
            </Switch>
          </Suspense>
        </ErrorBoundary>
      </main>
      <NavLinks variant="bottom" />
    </>
  );
}
