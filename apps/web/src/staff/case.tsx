import type { CaseDetail, CaseSummary, StaffMe } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { Link } from 'wouter';
import { ErrorMessage, Loading } from '../components/common.js';
import { StatementCard } from '../components/statements.js';
import { en, type MessageKey } from '../i18n/en.js';
import { api } from '../lib/api.js';
import { regionName } from '../lib/regions.js';
import { ContentPanel, Facts } from './case-content.js';
import { DecisionForm } from './decision-form.js';
import { FalsePositive } from './false-positive.js';
import { LiftSanction } from './lift-sanction.js';
import { MediaEvidence } from './media-evidence.js';
import { useCategoryName, useSourceName } from './queue.js';
import { can, useST } from './use-staff.js';

/** A claim lasts 15 minutes; the console renews it while the case stays open on screen. */
const RENEW_EVERY_MS = 5 * 60_000;

const caseKey = (id: string) => ['staff', 'case', id];

function Reports({ kase }: { kase: CaseDetail }) {
  const { st, t, time } = useST();
  if (kase.reports.length === 0) return null;
  return (
    <section className="staff-panel" aria-labelledby="reports-title">
      <h2 id="reports-title">{st('staff.case.reportsTitle', { count: kase.reports.length })}</h2>
      <ul className="case-reports">
        {kase.reports.map((report) => {
          const key = `report.reason.${report.reason}`;
          return (
            <li key={report.id}>
              <p>
                <strong>{key in en ? t(key as MessageKey) : report.reason}</strong> · @
                {report.reporter} ·{' '}
                <time dateTime={report.createdAt}>{time(report.createdAt)}</time>
              </p>
              {report.details ? <blockquote>{report.details}</blockquote> : null}
              {report.translation ? (
                <div className="report-translation">
                  <p className="small-title">
                    {st('staff.case.translation', {
                      from: report.translation.from,
                      to: report.translation.to,
                      engine: report.translation.engine,
                    })}
                  </p>
                  <blockquote lang={report.translation.to}>{report.translation.text}</blockquote>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function History({ kase, member }: { kase: CaseDetail; member: StaffMe }) {
  const { st, time } = useST();
  const { history } = kase;
  const days = Math.floor((Date.now() - Date.parse(history.accountCreatedAt)) / 86_400_000);
  const decisions = Object.entries(history.decisions);
  const sanctions: string[] = [];
  if (history.sanctions.banned) sanctions.push(st('staff.history.banned'));
  if (history.sanctions.suspendedUntil && Date.parse(history.sanctions.suspendedUntil) > Date.now())
    sanctions.push(
      st('staff.history.suspendedUntil', { date: time(history.sanctions.suspendedUntil) }),
    );
  if (
    history.sanctions.postingRestrictedUntil &&
    Date.parse(history.sanctions.postingRestrictedUntil) > Date.now()
  )
    sanctions.push(
      st('staff.history.restrictedUntil', {
        date: time(history.sanctions.postingRestrictedUntil),
      }),
    );
  return (
    <section className="staff-panel" aria-labelledby="history-title">
      <h2 id="history-title">{st('staff.history.title', { handle: kase.subject.handle })}</h2>
      <Facts
        rows={[
          [
            st('staff.history.accountAge'),
            st('staff.history.days', { count: days, date: time(history.accountCreatedAt) }),
          ],
          [st('staff.history.cases'), String(history.cases)],
          [
            st('staff.history.decisions'),
            decisions.length > 0
              ? decisions.map(([action, count]) => `${action} × ${count}`).join(', ')
              : st('staff.history.none'),
          ],
          [
            st('staff.history.sanctions'),
            sanctions.length > 0 ? sanctions.join(' · ') : st('staff.history.none'),
          ],
        ]}
      />
      <Link href={`~/u/${kase.subject.handle}`} className="small">
        {st('staff.history.profile', { handle: kase.subject.handle })}
      </Link>
      <LiftSanction kase={kase} member={member} />
    </section>
  );
}

function ClaimPanel({ kase, member }: { kase: CaseDetail; member: StaffMe }) {
  const { st, time } = useST();
  const queryClient = useQueryClient();
  const merge = (summary: CaseSummary) =>
    queryClient.setQueryData<CaseDetail>(caseKey(kase.id), (previous) =>
      previous ? { ...previous, ...summary } : previous,
    );
  const claim = useMutation({
    mutationFn: () => api.moderation.claim(kase.id),
    onSuccess: merge,
    onError: () => void queryClient.invalidateQueries({ queryKey: caseKey(kase.id) }),
  });
  const release = useMutation({
    mutationFn: () => api.moderation.release(kase.id),
    onSuccess: merge,
  });
  const mine = kase.status === 'claimed' && kase.claimedBy === member.handle;
  const renew = claim.mutate;
  useEffect(() => {
    if (!mine) return;
    const timer = setInterval(() => renew(), RENEW_EVERY_MS);
    return () => clearInterval(timer);
  }, [mine, renew]);
  const mayDecide = can(member, 'cases.decide');
  return (
    <section className="staff-panel claim" aria-labelledby="claim-title">
      <h2 id="claim-title">{st('staff.claim.title')}</h2>
      <p role="status">
        {kase.status === 'resolved'
          ? st('staff.claim.resolved', { date: kase.resolvedAt ? time(kase.resolvedAt) : '—' })
          : mine
            ? st('staff.claim.mine', { until: time(kase.leaseUntil!) })
            : kase.status === 'claimed'
              ? st('staff.claim.other', {
                  handle: kase.claimedBy ?? '—',
                  until: kase.leaseUntil ? time(kase.leaseUntil) : '—',
                })
              : st('staff.claim.open')}
      </p>
      {kase.status !== 'resolved' && mayDecide ? (
        mine ? (
          <button
            type="button"
            className="button secondary small"
            disabled={release.isPending}
            onClick={() => release.mutate()}
          >
            {st('staff.claim.release')}
          </button>
        ) : (
          <button
            type="button"
            className="button small"
            disabled={claim.isPending || kase.status === 'claimed'}
            onClick={() => claim.mutate()}
          >
            {st('staff.claim.claim')}
          </button>
        )
      ) : null}
      {!mayDecide ? <p className="muted small">{st('staff.claim.readOnly')}</p> : null}
      {claim.isError ? <ErrorMessage error={claim.error} /> : null}
      {release.isError ? <ErrorMessage error={release.error} /> : null}
    </section>
  );
}

export function CaseScreen({ id, member }: { id: string; member: StaffMe }) {
  const { st, time, locale } = useST();
  const categoryName = useCategoryName();
  const sourceName = useSourceName();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: caseKey(id), queryFn: () => api.moderation.get(id) });
  if (query.isPending) return <Loading />;
  if (query.isError)
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const kase = query.data;
  const mine = kase.status === 'claimed' && kase.claimedBy === member.handle;
  return (
    <article className="case" aria-labelledby="case-heading">
      <p>
        <Link href="/" className="small">
          ← {st('staff.case.back')}
        </Link>
      </p>
      <h1 id="case-heading" tabIndex={-1}>
        {st('staff.case.title', {
          target: st(`staff.target.${kase.targetType}`),
          handle: kase.subject.handle,
        })}
      </h1>
      <Facts
        rows={[
          [st('staff.queue.status'), st(`staff.status.${kase.status}`)],
          [st('staff.queue.category'), categoryName(kase.category)],
          [st('staff.queue.source'), sourceName(kase.source)],
          [st('staff.case.priority'), String(kase.priority)],
          [st('staff.case.reports'), String(kase.reportCount)],
          [st('staff.case.reach'), String(kase.reach)],
          [
            st('staff.case.langRegion'),
            `${kase.lang ?? '—'} · ${kase.region ? `${regionName(kase.region, locale)} (${kase.region})` : '—'}`,
          ],
          [st('staff.case.opened'), time(kase.openedAt)],
          ...(kase.targetType === 'note'
            ? ([
                [
                  st('staff.case.target'),
                  <Link key="note" href={`~/note/${kase.targetId}`}>
                    {st('staff.case.openNote')}
                  </Link>,
                ],
              ] as Array<[string, ReactNode]>)
            : []),
        ]}
      />
      <div className="case-grid">
        <div className="case-main">
          <ContentPanel kase={kase} member={member} />
          <MediaEvidence kase={kase} />
          <Reports kase={kase} />
          {kase.decisions.length > 0 ? (
            <section className="staff-panel" aria-labelledby="statements-title">
              <h2 id="statements-title">{st('staff.case.statements')}</h2>
              {kase.decisions.map((statement) => (
                <StatementCard
                  key={statement.id}
                  statement={statement}
                  targetLabel={st(`staff.target.${statement.targetType}`)}
                />
              ))}
            </section>
          ) : null}
        </div>
        <div className="case-side">
          <ClaimPanel kase={kase} member={member} />
          {mine && can(member, 'cases.decide') ? (
            <DecisionForm
              kase={kase}
              member={member}
              onDecided={(resolved) => {
                queryClient.setQueryData(caseKey(id), resolved);
                // The form goes away: the resolved case is read from its top.
                document.getElementById('case-heading')?.focus();
                void queryClient.invalidateQueries({
                  predicate: (item) =>
                    item.queryKey[0] === 'staff' &&
                    (item.queryKey[1] === 'cases' || item.queryKey[1] === 'counts'),
                });
              }}
            />
          ) : null}
          {kase.status === 'resolved' ? (
            <p className="success" role="status">
              {st('staff.decision.resolved')}
            </p>
          ) : null}
          <FalsePositive kase={kase} member={member} />
          <History kase={kase} member={member} />
        </div>
      </div>
    </article>
  );
}
