import type { StatementOfReasons } from '@atrium/sdk';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Link } from 'wouter';
import type { MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { regionList } from '../lib/regions.js';
import { ErrorMessage } from './common.js';

const SIMPLE_ACTIONS = new Set([
  'label',
  'limit',
  'review',
  'remove',
  'approve',
  'warn',
  'ban',
  'lift',
]);

/** What a decision restricted, in the interface language (the server's words as a fallback). */
export function useRestrictionText() {
  const { t, locale } = useT();
  return (statement: StatementOfReasons): string => {
    switch (statement.action) {
      case 'withhold':
        return statement.regions.length > 0
          ? t('statement.action.withhold', {
              regions: regionList(statement.regions, locale, (count) =>
                t('moderation.andMore', { count }),
              ),
            })
          : t('statement.action.withholdEverywhere');
      case 'restrict':
      case 'suspend':
        return statement.until
          ? t(`statement.action.${statement.action}`, {
              date: new Date(statement.until).toLocaleDateString(locale, { dateStyle: 'medium' }),
            })
          : statement.restriction;
      default:
        return SIMPLE_ACTIONS.has(statement.action)
          ? t(`statement.action.${statement.action}` as MessageKey)
          : statement.restriction;
    }
  };
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * One statement of reasons: what was restricted, where, on which rules and facts, by whom and
 * when — and, for the author, the way to appeal.
 */
export function StatementCard({
  statement,
  appeal = false,
  link = false,
  headingLevel = 3,
  targetLabel,
}: {
  statement: StatementOfReasons;
  appeal?: boolean;
  link?: boolean;
  headingLevel?: 2 | 3 | 4;
  /** What the statement is about, for readers other than the author ("Note" for staff). */
  targetLabel?: string;
}) {
  const { t, locale } = useT();
  const restriction = useRestrictionText();
  const Heading = `h${headingLevel}` as const;
  const where =
    statement.regions.length > 0
      ? regionList(statement.regions, locale, (count) => t('moderation.andMore', { count }), 12)
      : t('statement.everywhere');
  return (
    <article className="statement">
      <Heading className="statement-title">
        <span className="statement-target">
          {targetLabel ?? t(`statement.target.${statement.targetType}` as MessageKey)}
        </span>{' '}
        {restriction(statement)}
      </Heading>
      <dl className="statement-facts">
        {['label', 'limit', 'withhold', 'review', 'remove'].includes(statement.action) ? (
          <Row term={t('statement.where')}>{where}</Row>
        ) : null}
        {statement.labels.length > 0 ? (
          <Row term={t('statement.labels')}>{statement.labels.join(', ')}</Row>
        ) : null}
        {statement.rules.length > 0 ? (
          <Row term={t('statement.rules')}>
            <ul>
              {statement.rules.map((rule) => (
                <li key={rule.id}>
                  {rule.description ?? rule.id} <code>{rule.id}</code>
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
        {statement.facts.length > 0 ? (
          <Row term={t('statement.facts')}>
            <ul>
              {statement.facts.map((fact) => (
                <li key={fact}>{fact}</li>
              ))}
            </ul>
          </Row>
        ) : null}
        <Row term={t('statement.decidedBy')}>
          {statement.automated
            ? t('statement.automated', { version: statement.policyVersion ?? '—' })
            : t('statement.moderator')}
        </Row>
        {statement.reasonCode ? (
          <Row term={t('statement.reasonCode')}>
            <code>{statement.reasonCode}</code>
          </Row>
        ) : null}
        <Row term={t('statement.date')}>
          <time dateTime={statement.createdAt}>
            {new Date(statement.createdAt).toLocaleString(locale, {
              dateStyle: 'medium',
              timeStyle: 'short',
            })}
          </time>
        </Row>
      </dl>
      {link && statement.targetType === 'note' ? (
        <Link href={`/note/${statement.targetId}`} className="button secondary small">
          {t('statement.open')}
        </Link>
      ) : null}
      {appeal ? <Appeal statement={statement} /> : null}
    </article>
  );
}

/** The appeal button and its form; disabled, with the reason, when appeals are closed. */
function Appeal({ statement }: { statement: StatementOfReasons }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const id = useId();
  const send = useMutation({
    mutationFn: () => api.appeals.create({ decisionId: statement.id, statement: text.trim() }),
  });
  if (!statement.appeal.allowed) {
    return (
      <div className="appeal">
        <button type="button" className="button secondary small" disabled aria-describedby={id}>
          {t('appeal.action')}
        </button>
        <p id={id} className="muted small">
          {t('appeal.notAllowed')}
        </p>
      </div>
    );
  }
  if (send.isSuccess) {
    return (
      <p className="success" role="status">
        {t('appeal.sent')}
      </p>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) send.mutate();
  };
  return (
    <div className="appeal">
      {!open ? (
        <button type="button" className="button small" onClick={() => setOpen(true)}>
          {t('appeal.action')}
        </button>
      ) : (
        <form className="form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={id}>{t('appeal.label')}</label>
            <textarea
              id={id}
              rows={3}
              required
              maxLength={2000}
              value={text}
              aria-describedby={`${id}-hint`}
              onChange={(event) => setText(event.target.value)}
              // biome-ignore lint/a11y/noAutofocus: the form opens on request; typing comes next
              autoFocus
            />
            <small id={`${id}-hint`}>{t('appeal.hint')}</small>
          </div>
          {send.isError ? <ErrorMessage error={send.error} /> : null}
          <div className="dialog-actions">
            <button type="button" className="button secondary small" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              className="button small"
              disabled={!text.trim() || send.isPending}
            >
              {t('appeal.submit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
