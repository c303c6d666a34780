import { AtriumError, type StaffMe } from '@atrium/sdk';
import { type ReactNode, useMemo } from 'react';
import { IntlProvider } from 'react-intl';
import { Link, Route, Switch, useLocation } from 'wouter';
import { ErrorMessage, Loading } from '../components/common.js';
import { useCatalogue, useLocale } from '../i18n/provider.js';
import { useMe } from '../lib/session.js';
import { useStaffMe } from '../lib/staff.js';
import { AuditScreen } from './audit.js';
import { CaseScreen } from './case.js';
import { ClusterScreen, ClustersScreen } from './clusters.js';
import { DashboardScreen } from './dashboard.js';
import { staffCatalogues } from './i18n/catalogs.js';
import { MembersScreen } from './members.js';
import { PolicyScreen } from './policy.js';
import { QueueScreen } from './queue.js';
import { RiskScreen, SurgeBanner } from './risk.js';
import { SwitchesScreen } from './switches.js';
import { can, useST } from './use-staff.js';
import './staff.css';

/**
 * The staff console, mounted under `/staff` (its links are relative to it). It is a lazily
 * loaded chunk with its own messages, layered over the app's.
 */
export function StaffConsole() {
  const { locale, messages: appMessages } = useLocale();
  const staff = useCatalogue(staffCatalogues, locale);
  const staffMessages = staff?.messages;
  const messages = useMemo(
    () => (staffMessages ? { ...appMessages, ...staffMessages } : null),
    [appMessages, staffMessages],
  );
  if (!messages) return <Loading />;
  return (
    <IntlProvider locale={locale} messages={messages} defaultLocale="en">
      <Console />
    </IntlProvider>
  );
}

function Console() {
  const { st } = useST();
  const me = useMe();
  const staff = useStaffMe();
  if (me.isPending || (me.data?.staff && staff.isPending)) return <Loading />;
  if (!me.data) {
    return (
      <div className="page narrow">
        <h1>{st('staff.title')}</h1>
        <p>
          <Link href="~/login?next=/staff" className="button">
            {st('staff.signIn')}
          </Link>
        </p>
      </div>
    );
  }
  if (staff.isError) {
    const needsTotp =
      staff.error instanceof AtriumError && staff.error.code === 'SECOND_FACTOR_REQUIRED_FOR_STAFF';
    return (
      <div className="page narrow">
        <ErrorMessage error={staff.error} onRetry={() => void staff.refetch()} />
        {/* staff powers need TOTP (docs/security.md): it is turned on in the settings */}
        {needsTotp ? (
          <Link href="~/settings" className="button small">
            {st('staff.secondFactor.settings')}
          </Link>
        ) : null}
      </div>
    );
  }
  if (!staff.data) {
    return (
      <div className="page narrow">
        <section className="panel" aria-labelledby="not-staff">
          <h1 id="not-staff">{st('staff.notStaff.title')}</h1>
          <p>{st('staff.notStaff.body', { handle: me.data.handle })}</p>
          <Link href="~/" className="button secondary small">
            {st('staff.notStaff.home')}
          </Link>
        </section>
      </div>
    );
  }
  return <Workspace member={staff.data} />;
}

function Workspace({ member }: { member: StaffMe }) {
  const { st } = useST();
  const [location] = useLocation();
  const sections = [
    { href: '/', label: st('staff.nav.queue'), allowed: can(member, 'cases.read') },
    { href: '/risk', label: st('staff.nav.risk'), allowed: can(member, 'cases.read') },
    { href: '/clusters', label: st('staff.nav.clusters'), allowed: can(member, 'cases.read') },
    { href: '/dashboard', label: st('staff.nav.dashboard'), allowed: can(member, 'metrics.read') },
    { href: '/switches', label: st('staff.nav.switches'), allowed: can(member, 'cases.read') },
    { href: '/audit', label: st('staff.nav.audit'), allowed: can(member, 'audit.read') },
    { href: '/policy', label: st('staff.nav.policy'), allowed: can(member, 'policy.read') },
    { href: '/members', label: st('staff.nav.members'), allowed: can(member, 'staff.manage') },
  ].filter((section) => section.allowed);
  const current = (href: string) =>
    href === '/' ? location === '/' || location.startsWith('/cases') : location.startsWith(href);
  return (
    <div className="staff page wide">
      <header className="staff-header">
        <p className="staff-title">{st('staff.title')}</p>
        <nav className="staff-nav" aria-label={st('staff.nav.label')}>
          <ul>
            {sections.map((section) => (
              <li key={section.href}>
                <Link
                  href={section.href}
                  className={current(section.href) ? 'current' : ''}
                  aria-current={current(section.href) ? 'page' : undefined}
                >
                  {section.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p className="staff-role muted small">
          {st('staff.signedInAs', {
            handle: member.handle,
            role: st(`staff.role.${member.role}`),
          })}
        </p>
      </header>
      <SurgeBanner member={member} />
      <Switch>
        <Route path="/">
          <Gate allowed={can(member, 'cases.read')}>
            <QueueScreen />
          </Gate>
        </Route>
        <Route path="/cases/:id">
          {(params) => (
            <Gate allowed={can(member, 'cases.read')}>
              <CaseScreen key={params.id} id={params.id} member={member} />
            </Gate>
          )}
        </Route>
        <Route path="/risk">
          <Gate allowed={can(member, 'cases.read')}>
            <RiskScreen member={member} />
          </Gate>
        </Route>
        <Route path="/clusters">
          <Gate allowed={can(member, 'cases.read')}>
            <ClustersScreen />
          </Gate>
        </Route>
        <Route path="/clusters/:id">
          {(params) => (
            <Gate allowed={can(member, 'cases.read')}>
              <ClusterScreen key={params.id} id={params.id} member={member} />
            </Gate>
          )}
        </Route>
        <Route path="/dashboard">
          <Gate allowed={can(member, 'metrics.read')}>
            <DashboardScreen />
          </Gate>
        </Route>
        <Route path="/switches">
          <Gate allowed={can(member, 'cases.read')}>
            <SwitchesScreen member={member} />
          </Gate>
        </Route>
        <Route path="/audit">
          <Gate allowed={can(member, 'audit.read')}>
            <AuditScreen />
          </Gate>
        </Route>
        <Route path="/policy">
          <Gate allowed={can(member, 'policy.read')}>
            <PolicyScreen member={member} />
          </Gate>
        </Route>
        <Route path="/members">
          <Gate allowed={can(member, 'staff.manage')}>
            <MembersScreen member={member} />
          </Gate>
        </Route>
        <Route>
          <p className="empty">{st('staff.notFound')}</p>
        </Route>
      </Switch>
    </div>
  );
}

/** A section the member's role does not allow: said plainly rather than failing later. */
function Gate({ allowed, children }: { allowed: boolean; children: ReactNode }) {
  const { st } = useST();
  if (!allowed) return <p className="empty">{st('staff.noPermission')}</p>;
  return <>{children}</>;
}
